// English UI strings of the 任务督办 tab "Bulletins" (merged into en.ts as `bulletins`).
import type bulletinsZh from './bulletins.zh-CN';

const bulletinsEn: typeof bulletinsZh = {
  tab: 'Bulletins',
  intro:
    'Bulletins are drafted on schedule (monthly, quarterly and every Monday) and published by the supervision office; publishing assigns the document number and freezes the bulletin.',
  draftButton: 'Draft a bulletin',
  refresh: 'Refresh',
  kinds: { monthly: 'Monthly', quarterly: 'Quarterly', adhoc: 'Ad hoc / weekly' },
  statuses: { draft: 'Draft', published: 'Published' },
  columns: {
    docNumber: 'Document no.',
    title: 'Title',
    kind: 'Kind',
    period: 'Period',
    asOf: 'As of',
    status: 'Status',
    created: 'Drafted',
    published: 'Published',
    actions: 'Actions',
  },
  actions: {
    preview: 'Preview',
    docx: 'Download Word',
    edit: 'Edit',
    publish: 'Publish',
    publishConfirm:
      'Publishing assigns the document number, notifies the lead departments and the cities, and freezes the bulletin. Publish?',
    published: 'Published as {{docNumber}}',
    saved: 'Draft updated',
    drafted: 'Draft created',
  },
  draft: {
    title: 'Draft a bulletin',
    kind: 'Kind',
    period: 'Period',
    periodMonthly: 'e.g. 2026-09; empty = last month',
    periodQuarterly: 'e.g. 2026Q3; empty = last quarter',
    asOf: 'As of',
    asOfHint: 'e.g. 2026-11-29; empty = today. Supervision items of the 7 days before',
    customTitle: 'Title (optional)',
    customTitleHint: 'Empty: generated from the kind and period',
    submit: 'Draft',
    working: 'Gathering the figures and rendering the charts…',
  },
  edit: {
    title: 'Edit the draft',
    docTitle: 'Title',
    intro: 'Introduction',
    refresh: 'Gather the figures again at the as-of date',
    submit: 'Save and render again',
    required: 'Required',
  },
  preview: { title: 'Preview', empty: 'No bulletins yet' },
  createdBy: '{{by}} at {{at}}',
};

export default bulletinsEn;

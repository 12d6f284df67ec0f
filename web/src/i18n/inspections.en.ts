// English UI strings of the 任务督办 tab "Inspections" (merged into en.ts as `inspections`).
import type inspectionsZh from './inspections.zh-CN';

const inspectionsEn: typeof inspectionsZh = {
  tab: 'Inspections',
  record: 'Record an inspection',
  empty: 'No inspections yet',
  fields: {
    place: 'Place',
    city: 'City',
    county: 'County',
    visitedOn: 'Visited on',
    inspectors: 'Inspectors (comma separated)',
    summary: 'Summary',
    domain: 'Domain',
    photos: 'Photos',
    choose: 'Choose photos',
  },
  findings: {
    title: 'Findings (each becomes a rectification item)',
    add: 'Add finding',
    remove: 'Remove',
    text: 'Finding',
    owner: 'Responsible unit',
    deadline: 'Deadline',
    level: 'Level',
  },
  submit: 'Save inspection',
  saved: 'Saved; {{count}} rectification items created',
  required: 'Required',
  rectifications: 'Rectification items',
  photos: 'Photos',
  inspectors: 'Inspectors',
  visitedOn: 'Visited on',
};

export default inspectionsEn;

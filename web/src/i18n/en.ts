// English UI strings. Plan content (domains, tasks, target texts) stays in Chinese.
import type { Messages } from './zh-CN';

const en: Messages = {
  app: {
    name: 'Minsheng Ten Projects Digital Platform',
    planTitle: 'Guangdong "Ten Livelihood Projects" Five-Year Action Plan (2023–2027)',
    footer: 'Guangdong "Ten Livelihood Projects" digital support system',
  },
  common: {
    loading: 'Loading…',
    retry: 'Retry',
    loadFailed: 'Could not load the data',
    networkError: 'Cannot reach the server. Check the network and try again.',
    unexpectedResponse:
      'The server sent an unexpected response (status {{status}}). Try again later.',
    sessionExpired: 'Your session has expired. Please sign in again.',
  },
  language: {
    label: 'Language',
    zhCN: '中文',
    en: 'English',
  },
  roles: {
    sysadmin: 'System administrator',
    supervisor: 'Supervision office',
    department: 'Lead department',
    city: 'City',
    county: 'County',
    viewer: 'Read only',
  },
  login: {
    pageTitle: 'Sign in',
    welcome: 'Sign in with the account issued to your unit',
    username: 'Username',
    password: 'Password',
    usernamePlaceholder: 'Enter your username',
    passwordPlaceholder: 'Enter your password',
    usernameRequired: 'Please enter your username',
    passwordRequired: 'Please enter your password',
    submit: 'Sign in',
    failed: 'Sign-in failed',
    help: 'Forgot your password or locked out? Contact the system administrator of your unit.',
  },
  header: {
    userMenu: 'Current user',
    unit: 'Unit',
    role: 'Role',
    noUnit: 'No unit assigned',
    logout: 'Sign out',
    logoutFailed: 'Sign-out failed',
  },
  nav: {
    label: 'Main menu',
    plan: 'Plan',
    reporting: 'Reporting',
    supervision: 'Supervision',
    analytics: 'Analysis',
    dashboard: 'Progress',
    satisfaction: 'Satisfaction',
    serviceAreas: 'EV charging',
    midterm: 'Mid-term review',
    admin: 'Administration',
    buildingTag: 'Soon',
  },
  moduleDescriptions: {
    reporting:
      'Units enter indicator data for each reporting period; counties, cities and lead departments review it level by level, and approved data is locked.',
    supervision:
      'Raise supervision notices for overdue or lagging tasks and track replies, rectification and closure.',
    analytics:
      'Analyse indicator progress by domain, task and region, and assess whether targets will be met.',
    dashboard: 'Charts and maps of progress across the province and its cities.',
    satisfaction:
      'Run public satisfaction surveys and compute satisfaction indices by domain, city and wave.',
    serviceAreas:
      'Keep the registry of expressway and national-road service areas and compute charging-space ratios and gaps.',
    midterm: 'Carry out the mid-term evaluation and record target adjustments with their reasons.',
    admin: 'Manage users, roles and organisational units, review the audit log and run backups.',
  },
  underConstruction: {
    title: 'The “{{module}}” module is under construction',
    subtitle: 'This module is being built and is not yet available. This page shows no data.',
    plannedFunction: 'When finished it will provide',
    backToPlan: 'Go to the plan',
  },
  notFound: {
    title: 'Page not found',
    subtitle: 'The page you are looking for does not exist or has been removed.',
    back: 'Back to the plan',
  },
  plan: {
    title: 'Plan',
    revision: 'Revision {{number}} · imported {{date}}',
    summary: '{{domains}} domains · {{tasks}} tasks · {{targets}} quantitative targets',
    domainListLabel: 'The ten livelihood domains',
    leadUnits: 'Lead units',
    domainTargets: 'Domain targets',
    tasks: 'Key tasks',
    taskCount: 'Tasks: {{count}}',
    targetCount: 'Targets: {{count}}',
    noTargets: 'This task has no quantitative targets',
    noTargetsShort: 'No targets',
    qualitativeGoals: 'Other requirements',
    note: 'Note',
    taskNumber: 'Task {{number}}',
    domainNotFound: 'Domain not found',
    domainNotFoundHint: 'The domain code “{{code}}” in the link is not part of the current plan.',
    searchLabel: 'Search targets',
    searchPlaceholder: 'Search target texts, e.g. “充电”',
    searchResults: '{{count}} targets contain “{{query}}”',
    searchEmpty: 'No target contains “{{query}}”',
    clearSearch: 'Clear search',
    columns: {
      text: 'Original text',
      indicator: 'Indicator',
      target: 'Target',
      kind: 'Kind',
      deadline: 'Deadline',
      scope: 'Scope',
      task: 'Task',
    },
    kinds: {
      cumulative: 'Cumulative',
      level: 'Level',
      annual: 'Annual',
      maintain: 'Maintain',
    },
    kindHints: {
      cumulative: 'Summed over the plan period',
      level: 'Level reached by the deadline',
      annual: 'Must be met every year',
      maintain: 'Must hold at all times',
    },
    decreasing: 'Falling every year',
    endOfYear: 'End of {{year}}',
    scope: {
      province: 'Province-wide',
    },
    roadClasses: {
      expressway: 'Expressways',
      national: 'National roads',
    },
  },
};

export default en;

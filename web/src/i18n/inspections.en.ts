// English UI strings of the 任务督办 tab "Inspections" (merged into en.ts as `inspections`).
import type inspectionsZh from './inspections.zh-CN';

const inspectionsEn: typeof inspectionsZh = {
  tab: 'Inspections',
};

export default inspectionsEn;

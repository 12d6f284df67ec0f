// UI strings of the 任务督办 tab "暗访督查" (merged into zh-CN.ts as `inspections`).
const inspectionsZh = {
  tab: '暗访督查',
};

export default inspectionsZh;

// UI strings of the 任务督办 tab "通报" (merged into zh-CN.ts as `bulletins`).
const bulletinsZh = {
  tab: '通报',
};

export default bulletinsZh;

// UI strings of the 任务督办 tab "工作台账" (merged into zh-CN.ts as `ledgers`).
const ledgersZh = {
  tab: '工作台账',
};

export default ledgersZh;

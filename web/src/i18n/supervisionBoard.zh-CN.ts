// UI strings of the 任务督办 tab "督办看板" (merged into zh-CN.ts as `supervisionBoard`).
const supervisionBoardZh = {
  tab: '督办看板',
};

export default supervisionBoardZh;

// English UI strings of the 任务督办 tab "Supervision board" (merged into en.ts as `supervisionBoard`).
import type supervisionBoardZh from './supervisionBoard.zh-CN';

const supervisionBoardEn: typeof supervisionBoardZh = {
  tab: 'Supervision board',
};

export default supervisionBoardEn;

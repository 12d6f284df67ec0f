// English UI strings of the 任务督办 tab "Ledgers" (merged into en.ts as `ledgers`).
import type ledgersZh from './ledgers.zh-CN';

const ledgersEn: typeof ledgersZh = {
  tab: 'Ledgers',
};

export default ledgersEn;

// English UI strings of the 任务督办 tab "Bulletins" (merged into en.ts as `bulletins`).
import type bulletinsZh from './bulletins.zh-CN';

const bulletinsEn: typeof bulletinsZh = {
  tab: 'Bulletins',
};

export default bulletinsEn;

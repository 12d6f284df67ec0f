// UI strings of the 任务督办 tab "暗访督查" (merged into zh-CN.ts as `inspections`).
const inspectionsZh = {
  tab: '暗访督查',
  record: '记录暗访督查',
  empty: '暂无暗访督查记录',
  fields: {
    place: '督查地点',
    city: '地市',
    county: '县（区）',
    visitedOn: '督查日期',
    inspectors: '督查人员（用顿号或逗号分隔）',
    summary: '督查情况',
    domain: '所属领域',
    photos: '现场照片',
    choose: '选择照片',
  },
  findings: {
    title: '发现问题（每条生成一项整改事项）',
    add: '添加问题',
    remove: '删除',
    text: '问题描述',
    owner: '整改责任单位',
    deadline: '整改期限',
    level: '级别',
  },
  submit: '保存督查记录',
  saved: '已保存，生成 {{count}} 项整改事项',
  required: '必填',
  rectifications: '整改事项',
  photos: '现场照片',
  inspectors: '督查人员',
  visitedOn: '督查日期',
};

export default inspectionsZh;

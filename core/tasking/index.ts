// 任务督办 as pure logic, shared by the API, the scheduler and the bulletins.
export * from './supervision';
export * from './rules';
export * from './bulletin';
export * from './ledger-status';
export * from './ledger-validation';

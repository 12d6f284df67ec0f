export * from './validation';
export * from './outliers';
export * from './deadlines';
export * from './approval';
export * from './forms';

export * from './types';
export * from './compliance';
export * from './gap-plan';
export * from './history';
export * from './geo';

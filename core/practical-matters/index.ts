export * from './matters';

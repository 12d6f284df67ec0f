export * from './evaluation';
export * from './report';

// Target status: value, trajectory, progress, forecast, status and reason (pure).
export * from './status';
export * from './series';
export * from './words';
export * from './regions';
export * from './trend';
export * from './allocation';

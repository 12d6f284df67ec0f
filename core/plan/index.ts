// The plan model: schema and types, reading and writing plan files, and pure helpers.
export * from './schema';
export type { PlanError } from './issues';
export { parsePlanYaml, loadPlanFile, type PlanParseResult } from './load';
export { exportPlanYaml } from './export';
export {
  allTargets,
  allTasks,
  countTargets,
  findTarget,
  unitMagnitude,
  UNIT_MAGNITUDES,
  type PlanTargetRef,
  type PlanTaskRef,
} from './targets';

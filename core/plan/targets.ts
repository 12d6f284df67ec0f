// Small pure helpers over a plan: flattened tasks and targets, lookups, unit magnitudes.
import { pointer } from './issues';
import type { Plan, Target, Task } from './schema';

/** A target with where it sits: domain-level targets have taskNumber null. */
export type PlanTargetRef = Target & { domainCode: string; taskNumber: number | null };

export type PlanTaskRef = Task & { domainCode: string };

export interface TargetLocation {
  target: Target;
  domainCode: string;
  taskNumber: number | null;
  /** JSON pointer of the target in the plan document. */
  path: string;
}

/** Every target with its JSON pointer, in document order (domain-level targets first). */
export function targetLocations(plan: Plan): TargetLocation[] {
  return plan.domains.flatMap((domain, d) => [
    ...(domain.targets ?? []).map((target, i) => ({
      target,
      domainCode: domain.code,
      taskNumber: null,
      path: pointer('domains', d, 'targets', i),
    })),
    ...domain.tasks.flatMap((task, t) =>
      task.targets.map((target, i) => ({
        target,
        domainCode: domain.code,
        taskNumber: task.number,
        path: pointer('domains', d, 'tasks', t, 'targets', i),
      })),
    ),
  ]);
}

export function allTargets(plan: Plan): PlanTargetRef[] {
  return targetLocations(plan).map(({ target, domainCode, taskNumber }) => ({
    ...target,
    domainCode,
    taskNumber,
  }));
}

export function countTargets(plan: Plan): number {
  return targetLocations(plan).length;
}

export function allTasks(plan: Plan): PlanTaskRef[] {
  return plan.domains.flatMap((domain) =>
    domain.tasks.map((task) => ({ ...task, domainCode: domain.code })),
  );
}

export function findTarget(plan: Plan, code: string): PlanTargetRef | undefined {
  return allTargets(plan).find((t) => t.code === code);
}

/** Chinese magnitude prefixes a target unit may carry over its data element's unit. */
export const UNIT_MAGNITUDES: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };

/**
 * How many element units one target unit is: 1 when equal, 10 000 for 万人 over 人,
 * 100 000 000 for 亿人次 over 人次; undefined when the units do not match.
 */
export function unitMagnitude(targetUnit: string, elementUnit: string): number | undefined {
  if (targetUnit === elementUnit) return 1;
  const prefix = targetUnit.slice(0, 1);
  const factor = UNIT_MAGNITUDES[prefix];
  return factor !== undefined && targetUnit.slice(1) === elementUnit ? factor : undefined;
}

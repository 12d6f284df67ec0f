// 动态调整: target changes applied to a plan as a new revision, and the difference between two
// revisions. Pure: the result of a change is re-checked with the plan's own validation (format,
// references, dates, allocations adding up), so a revision can never break the plan.
import { Type, type Static } from '@sinclair/typebox';
import { pointerSegments } from './issues';
import { Allocation, Milestone, type Plan, type Target } from './schema';
import { semanticIssues } from './semantic';
import { targetLocations } from './targets';
import { schemaIssues } from './validate-schema';

const Code = Type.String({ minLength: 1, maxLength: 64 });
const IsoDate = Type.String({ format: 'date' });

/** What a modification may set; null removes an optional field (band, milestones, allocations). */
export const TargetPatch = Type.Object(
  {
    value: Type.Optional(Type.Number()),
    deadline: Type.Optional(IsoDate),
    band: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    milestones: Type.Optional(Type.Union([Type.Array(Milestone), Type.Null()])),
    allocations: Type.Optional(Type.Union([Type.Array(Allocation), Type.Null()])),
    text: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

export const TargetChange = Type.Union([
  Type.Object(
    { op: Type.Literal('modify'), code: Code, set: TargetPatch },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      op: Type.Literal('add'),
      domainCode: Code,
      /** The task the target belongs to; absent or null for a domain-level target. */
      taskNumber: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
      /** A full target in the plan format; checked with the plan's schema once placed. */
      target: Type.Unknown(),
    },
    { additionalProperties: false },
  ),
  Type.Object({ op: Type.Literal('drop'), code: Code }, { additionalProperties: false }),
]);

export type TargetPatch = Static<typeof TargetPatch>;
export type TargetChange = Static<typeof TargetChange>;

/** A problem of a change set: `field` names the change (changes/1/set/value) or the plan path. */
export interface ChangeError {
  field: string;
  message: string;
  messageZh: string;
}

export type ApplyResult = { plan: Plan; errors: [] } | { plan?: undefined; errors: ChangeError[] };

const err = (field: string, message: string, messageZh: string): ChangeError => ({
  field,
  message,
  messageZh,
});

/** The codes a change set touches (modified, added or dropped). */
export function changedCodes(changes: readonly TargetChange[]): string[] {
  return changes.map(codeOf).filter((c): c is string => c !== null);
}

function codeOf(c: TargetChange): string | null {
  if (c.op !== 'add') return c.code;
  const t = c.target as { code?: unknown } | null;
  return t && typeof t === 'object' && typeof t.code === 'string' ? t.code : null;
}

/**
 * Applies the changes to a copy of the plan. Refuses (with every problem found) a change to an
 * unknown target, two changes to one target, an empty modification, and any result the plan's
 * validation rejects; the given plan is never altered.
 */
export function applyTargetChanges(plan: Plan, changes: readonly TargetChange[]): ApplyResult {
  if (changes.length === 0)
    return { errors: [err('changes', 'no change given', '至少需要一项目标调整')] };
  const next = structuredClone(plan);
  const errors: ChangeError[] = [];
  const seen = new Map<string, number>();
  changes.forEach((change, i) => {
    const code = codeOf(change);
    if (code !== null && seen.has(code)) {
      errors.push(
        err(
          `changes/${i}`,
          `target ${code} is changed twice (also in change ${seen.get(code)! + 1})`,
          `第${i + 1}项调整：指标“${code}”在第${seen.get(code)! + 1}项中已调整，同一指标只能调整一次`,
        ),
      );
      return;
    }
    if (code !== null) seen.set(code, i);
    errors.push(...applyOne(next, change, i));
  });
  if (errors.length > 0) return { errors };
  const issues = validationErrors(next, changes);
  return issues.length > 0 ? { errors: issues } : { plan: next, errors: [] };
}

function applyOne(plan: Plan, change: TargetChange, i: number): ChangeError[] {
  const at = `changes/${i}`;
  if (change.op === 'add') return addTarget(plan, change, at, i);
  const found = locateTarget(plan, change.code);
  if (!found)
    return [
      err(
        `${at}/code`,
        `target ${change.code} is not in the plan`,
        `第${i + 1}项调整：指标“${change.code}”不存在于现行计划中`,
      ),
    ];
  if (change.op === 'drop') {
    found.list.splice(found.index, 1);
    return [];
  }
  const target = found.list[found.index]!;
  const keys = Object.keys(change.set) as (keyof TargetPatch)[];
  const effective = keys.filter(
    (k) => JSON.stringify(change.set[k] ?? undefined) !== JSON.stringify(target[k]),
  );
  if (effective.length === 0)
    return [
      err(
        `${at}/set`,
        `the modification of ${change.code} changes nothing`,
        `第${i + 1}项调整：指标“${change.code}”的调整内容与现行计划相同，未作任何修改`,
      ),
    ];
  const patched: Record<string, unknown> = { ...target };
  for (const k of keys) {
    const v = change.set[k];
    if (v === null) delete patched[k];
    else patched[k] = v;
  }
  found.list[found.index] = patched as Target;
  return [];
}

function addTarget(
  plan: Plan,
  change: Extract<TargetChange, { op: 'add' }>,
  at: string,
  i: number,
): ChangeError[] {
  const domain = plan.domains.find((d) => d.code === change.domainCode);
  if (!domain)
    return [
      err(
        `${at}/domainCode`,
        `domain ${change.domainCode} is not in the plan`,
        `第${i + 1}项调整：领域“${change.domainCode}”不存在`,
      ),
    ];
  const code = codeOf(change);
  if (code !== null && locateTarget(plan, code))
    return [
      err(
        `${at}/target/code`,
        `target ${code} already exists`,
        `第${i + 1}项调整：指标编码“${code}”已存在，新增指标须使用新编码`,
      ),
    ];
  const taskNumber = change.taskNumber ?? null;
  if (taskNumber === null) {
    (domain.targets ??= []).push(change.target as Target);
    return [];
  }
  const task = domain.tasks.find((t) => t.number === taskNumber);
  if (!task)
    return [
      err(
        `${at}/taskNumber`,
        `task ${taskNumber} is not in domain ${domain.code}`,
        `第${i + 1}项调整：领域“${domain.name}”下没有第${taskNumber}项任务`,
      ),
    ];
  task.targets.push(change.target as Target);
  return [];
}

function locateTarget(plan: Plan, code: string): { list: Target[]; index: number } | undefined {
  for (const domain of plan.domains) {
    const lists = [domain.targets ?? [], ...domain.tasks.map((t) => t.targets)];
    for (const list of lists) {
      const index = list.findIndex((t) => t.code === code);
      if (index >= 0) return { list, index };
    }
  }
  return undefined;
}

/** The plan's own checks on the result, each named by the change (and target) it comes from. */
function validationErrors(plan: Plan, changes: readonly TargetChange[]): ChangeError[] {
  const shape = schemaIssues(plan);
  const issues = shape.length > 0 ? shape : semanticIssues(plan);
  if (issues.length === 0) return [];
  const locations = targetLocations(plan);
  const changeOf = new Map(changedCodes(changes).map((c, i) => [c, i]));
  return issues.map((issue) => {
    const loc = locations.find((l) => issue.path === l.path || issue.path.startsWith(`${l.path}/`));
    if (!loc) return err(issue.path, issue.message, `计划校验未通过：${issue.messageZh}`);
    const rest = pointerSegments(issue.path.slice(loc.path.length)).join('/');
    const index = changeOf.get(loc.target.code);
    const field =
      index === undefined
        ? `${loc.target.code}${rest ? `/${rest}` : ''}`
        : `changes/${index}/${rest || 'code'}`;
    const which = index === undefined ? '' : `第${index + 1}项调整：`;
    return err(field, issue.message, `${which}指标“${loc.target.code}”${issue.messageZh}`);
  });
}

// ── Differences between two revisions ─────────────────────────────────────────────────────

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface TargetDiff {
  code: string;
  change: 'added' | 'removed' | 'changed';
  domainCode: string;
  taskNumber: number | null;
  indicator: string;
  /** Changed fields (for added/removed: none). */
  fields: FieldChange[];
}

const FIELDS = [
  'text',
  'indicator',
  'measure',
  'comparator',
  'value',
  'band',
  'unit',
  'kind',
  'start',
  'deadline',
  'baseline',
  'scope',
  'milestones',
  'allocations',
  'assumption',
] as const;

/** Which targets differ between two plans, and for changed ones each field from → to. */
export function diffPlans(from: Plan, to: Plan): TargetDiff[] {
  const before = new Map(targetLocations(from).map((l) => [l.target.code, l]));
  const after = new Map(targetLocations(to).map((l) => [l.target.code, l]));
  const diffs: TargetDiff[] = [];
  for (const [code, a] of before) {
    const b = after.get(code);
    const base = { code, domainCode: a.domainCode, taskNumber: a.taskNumber };
    if (!b) {
      diffs.push({ ...base, change: 'removed', indicator: a.target.indicator, fields: [] });
      continue;
    }
    const fields: FieldChange[] = FIELDS.filter(
      (f) => JSON.stringify(a.target[f]) !== JSON.stringify(b.target[f]),
    ).map((f) => ({ field: f, from: a.target[f] ?? null, to: b.target[f] ?? null }));
    if (a.domainCode !== b.domainCode || a.taskNumber !== b.taskNumber)
      fields.push({
        field: 'location',
        from: `${a.domainCode}/${a.taskNumber ?? '-'}`,
        to: `${b.domainCode}/${b.taskNumber ?? '-'}`,
      });
    if (fields.length > 0)
      diffs.push({ ...base, change: 'changed', indicator: b.target.indicator, fields });
  }
  for (const [code, b] of after)
    if (!before.has(code))
      diffs.push({
        code,
        change: 'added',
        domainCode: b.domainCode,
        taskNumber: b.taskNumber,
        indicator: b.target.indicator,
        fields: [],
      });
  return diffs;
}

// ── Which revision is in force ────────────────────────────────────────────────────────────

export interface DatedRevision {
  number: number;
  effectiveFrom: string;
}

/**
 * The revision in force on a date: the highest-numbered one in force from that date or
 * earlier; before the first revision's date, the first revision (a plan always has one).
 */
export function revisionInForce<R extends DatedRevision>(
  revisions: readonly R[],
  date: string,
): R | undefined {
  const sorted = [...revisions].sort((a, b) => a.number - b.number);
  let found: R | undefined;
  for (const r of sorted) if (r.effectiveFrom <= date) found = r;
  return found ?? sorted[0];
}

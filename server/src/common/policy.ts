// The one place that decides who may do what to which unit's or domain's data.
// Pure: the actor carries its scope (resolved at login), so checks need no I/O.
import type { Role } from '../db/schema';

export type Action =
  | 'plan.read'
  | 'plan.import'
  /** 动态调整: propose a change of targets (departments for the domains they lead). */
  | 'plan.propose'
  /** Approve or reject proposed target changes, making a new plan revision. */
  | 'plan.approve'
  | 'org.read'
  | 'user.manage'
  | 'audit.read'
  | 'data.read'
  | 'data.write'
  | 'data.approve'
  /** Adjust reporting forms (deadlines, approval chain, bounds, rules). */
  | 'reporting.admin'
  | 'analytics.publish'
  | 'survey.manage'
  | 'hotline.import'
  | 'serviceArea.read'
  | 'serviceArea.write'
  /** 任务督办: read ledgers, supervision items, inspections and published bulletins. */
  | 'task.read'
  /** Create, edit and import ledger items (lead departments for their domains). */
  | 'ledger.write'
  /** Report progress on a ledger item of one's own unit. */
  | 'ledger.report'
  /** Raise a supervision item, accept (销号) or return a reply. */
  | 'supervision.issue'
  /** Answer a supervision or rectification item addressed to one's unit. */
  | 'supervision.reply'
  /** Record inspections (暗访督查) and change the supervision rules. */
  | 'supervision.admin'
  /** Draft, edit and publish bulletins (通报). */
  | 'bulletin.manage'
  /** 优秀案例评选: open calls, assign reviewers, rank and publish the winners. */
  | 'case.manage'
  /** Submit a best-practice case of one's own unit to an open call. */
  | 'case.submit'
  /** 中期评估: take the evaluation snapshot and sign it off. */
  | 'evaluation.manage'
  /** Assess targets in an evaluation (departments for the domains they lead). */
  | 'evaluation.assess'
  /** 十件民生实事: keep the yearly list of practical matters and their targets. */
  | 'matters.manage';

export interface Actor {
  userId: number;
  username: string;
  role: Role;
  unitCode: string | null;
  /** Units whose data the actor may touch: 'all', or the unit and its descendants. */
  unitScope: 'all' | ReadonlySet<string>;
  /** Plan domains the actor answers for: 'all', or a department's own domains. */
  domainScope: 'all' | ReadonlySet<string>;
}

/** What an action is done to; absent fields are not restricted. */
export interface Resource {
  unitCode?: string | null;
  domainCode?: string | null;
}

const roleActions: Record<Role, ReadonlySet<Action>> = {
  sysadmin: new Set([
    'plan.read',
    'plan.import',
    'org.read',
    'user.manage',
    'audit.read',
    'data.read',
    'serviceArea.read',
    'analytics.publish',
    'reporting.admin',
    'task.read',
  ]),
  supervisor: new Set([
    'analytics.publish',
    'survey.manage',
    'hotline.import',
    'plan.read',
    'plan.import',
    'plan.propose',
    'plan.approve',
    'org.read',
    'audit.read',
    'data.read',
    'data.approve',
    'serviceArea.read',
    'reporting.admin',
    'task.read',
    'ledger.write',
    'supervision.issue',
    'supervision.admin',
    'bulletin.manage',
    'case.manage',
    'matters.manage',
    'evaluation.manage',
    'evaluation.assess',
  ]),
  department: new Set([
    'plan.read',
    'plan.propose',
    'org.read',
    'data.read',
    'data.write',
    'data.approve',
    'serviceArea.read',
    'serviceArea.write',
    'task.read',
    'ledger.write',
    'ledger.report',
    'supervision.issue',
    'supervision.reply',
    'case.submit',
    'evaluation.assess',
  ]),
  city: new Set([
    'plan.read',
    'org.read',
    'data.read',
    'data.write',
    'data.approve',
    'serviceArea.read',
    'serviceArea.write',
    'task.read',
    'ledger.report',
    'supervision.reply',
    'case.submit',
  ]),
  county: new Set([
    'plan.read',
    'org.read',
    'data.read',
    'data.write',
    'serviceArea.read',
    'serviceArea.write',
    'task.read',
    'ledger.report',
    'supervision.reply',
    'case.submit',
  ]),
  viewer: new Set(['plan.read', 'org.read', 'data.read', 'serviceArea.read', 'task.read']),
};

export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  if (!roleActions[actor.role].has(action)) return false;
  return (
    inScope(actor.unitScope, resource.unitCode) && inScope(actor.domainScope, resource.domainCode)
  );
}

function inScope(scope: 'all' | ReadonlySet<string>, code: string | null | undefined): boolean {
  if (scope === 'all' || code === undefined || code === null) return true;
  return scope.has(code);
}

/** Narrows a list to the rows the actor may see (lists never leak foreign rows). */
export function visibleUnits<T extends { code: string }>(actor: Actor, units: T[]): T[] {
  const scope = actor.unitScope;
  return scope === 'all' ? units : units.filter((u) => scope.has(u.code));
}

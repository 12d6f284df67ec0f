// Importing a plan file as a new revision, and serving the revision in force.
import type { Kysely } from 'kysely';
import type { DB, PlanTargetTable } from '../../db/schema';
import { allTargets, parsePlanYaml } from '../../../../core/plan';
import type { Plan } from '../../../../core/plan/schema';
import { AppError } from '../../common/errors';
import { recordAudit } from '../audit/audit.service';
import { upsertDepartments } from '../org-units/org-units.service';
import type { Actor } from '../../common/policy';
import * as repo from './plan.repository';
import { syncFormsWithPlan } from '../reporting/forms.service';
import { revisionInForce } from '../../../../core/plan/revisions';

export interface CurrentPlan {
  revision: {
    id: number;
    number: number;
    importedAt: string;
    reason: string;
    /** The date this revision is in force from. */
    effectiveFrom: string;
  };
  plan: Plan;
}

/** Parses and validates; throws one error listing every problem with its path and line. */
export function parsePlanOrThrow(text: string, fileName: string): Plan {
  const { plan, errors } = parsePlanYaml(text, fileName);
  if (!plan || errors.length > 0) {
    throw new AppError(
      400,
      'PLAN_INVALID',
      `计划文件有${errors.length}处错误`,
      errors.map((e) => ({ field: e.path, line: e.line, message: e.messageZh })),
    );
  }
  return plan;
}

export async function importPlan(
  db: Kysely<DB>,
  plan: Plan,
  by: { actor?: Actor | null; label: string; reason: string },
): Promise<{ revisionId: number; number: number; targets: number }> {
  return db.transaction().execute(async (trx) => {
    await upsertDepartments(trx, plan.units);
    await repo.upsertElements(
      trx,
      plan.dataElements.map((e) => ({
        code: e.code,
        name: e.name,
        unit: e.unit,
        value_type: e.valueType,
        aggregation: e.aggregation,
        period_type: e.periodType,
        reported_by: JSON.stringify(e.reportedBy),
        owner: e.owner ?? null,
      })),
    );
    const rev = await repo.insertRevision(trx, {
      plan_id: plan.id,
      title: plan.title,
      document: JSON.stringify(plan),
      reason: by.reason,
      created_by: by.label,
    });
    const targets = targetRows(rev.id, plan);
    await repo.insertTargets(trx, targets);
    await syncFormsWithPlan(trx, plan, by.label);
    await recordAudit(trx, {
      action: 'plan.import',
      actor: by.actor,
      username: by.actor ? undefined : by.label,
      targetType: 'plan_revision',
      targetId: rev.id,
      details: { planId: plan.id, number: rev.number, targets: targets.length, reason: by.reason },
    });
    return { revisionId: rev.id, number: rev.number, targets: targets.length };
  });
}

export function targetRows(revisionId: number, plan: Plan): PlanTargetTable[] {
  return allTargets(plan).map((t) => ({
    revision_id: revisionId,
    code: t.code,
    domain_code: t.domainCode,
    task_number: t.taskNumber,
    indicator: t.indicator,
    comparator: t.comparator,
    value: t.value,
    band: t.band ?? null,
    unit: t.unit,
    kind: t.kind,
    deadline: t.deadline,
    measure: JSON.stringify(t.measure),
  }));
}

/**
 * Today as the analytics' asOf reads it (the UTC date), so the plan shown and the plan the
 * figures are judged by never differ for a few hours around midnight.
 */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** A stored revision with its plan document parsed. */
export interface StoredRevision {
  id: number;
  number: number;
  planId: string;
  effectiveFrom: string;
  reason: string;
  createdAt: string;
  createdBy: string;
  plan: Plan;
}

/** Every revision of the plan, oldest first. */
export async function loadRevisions(db: Kysely<DB>): Promise<StoredRevision[]> {
  const rows = await repo.listRevisions(db);
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    planId: row.plan_id,
    effectiveFrom: row.effective_from ?? row.created_at.slice(0, 10),
    reason: row.reason,
    createdAt: row.created_at,
    createdBy: row.created_by,
    plan: JSON.parse(row.document) as Plan,
  }));
}

export function asCurrent(r: StoredRevision): CurrentPlan {
  return {
    revision: {
      id: r.id,
      number: r.number,
      importedAt: r.createdAt,
      reason: r.reason,
      effectiveFrom: r.effectiveFrom,
    },
    plan: r.plan,
  };
}

/** The revision in force today, or null before any plan is imported. */
export async function loadCurrentPlan(db: Kysely<DB>): Promise<CurrentPlan | null> {
  const found = revisionInForce(await loadRevisions(db), todayUtc());
  return found ? asCurrent(found) : null;
}

/**
 * The plan's revisions, cached briefly: they change only on import and approved changes, and
 * several processes may share the database, so the cache expires rather than relying on
 * in-process invalidation.
 */
export class PlanStore {
  private cached: { at: number; value: StoredRevision[] } | null = null;
  constructor(
    private readonly db: Kysely<DB>,
    private readonly ttlMs = 30_000,
  ) {}

  async revisions(): Promise<StoredRevision[]> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.value;
    const value = await loadRevisions(this.db);
    this.cached = { at: Date.now(), value };
    return value;
  }

  /** The revision in force today. */
  async current(): Promise<CurrentPlan | null> {
    return this.inForceAt(todayUtc());
  }

  /** The revision in force on a date (the first revision before the first one's date). */
  async inForceAt(date: string): Promise<CurrentPlan | null> {
    const found = revisionInForce(await this.revisions(), date);
    return found ? asCurrent(found) : null;
  }

  invalidate(): void {
    this.cached = null;
  }

  /** Codes of the domains whose lead units include the given department. */
  async domainsLedBy(unitCode: string): Promise<Set<string>> {
    const current = await this.current();
    const domains = current?.plan.domains ?? [];
    return new Set(domains.filter((d) => d.leadUnits.includes(unitCode)).map((d) => d.code));
  }
}

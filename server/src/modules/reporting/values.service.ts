// Saving and exporting reported values: the one write path for the web grid and every import
// (Excel, CSV, JSON, DHIS2). All-or-nothing, scope-checked per value, validated, versioned,
// history kept, audited. Signatures are a contract with modules/reporting-io.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import type { DB } from '../../db/schema';
import { can, type Actor } from '../../common/policy';
import { AppError, badRequest } from '../../common/errors';
import { recordAudit } from '../audit/audit.service';
import { deadlinesOf, isEditable, isExpired } from '../../../../core/reporting';
import { loadCatalog, type Catalog } from './catalog';
import { outlierIssues, OUTLIER_HISTORY } from './evaluation';
import { transitionInTx } from './approval.service';
import { deliverInBackground, newOutbox } from './notifications.service';
import * as repo from './values.repository';
import {
  cellKey,
  checkRules,
  checkScope,
  conflictError,
  prepare,
  rejection,
  subKeyOf,
  unitName,
  type Prepared,
} from './values.checks';

export type ValueSource = 'web' | 'xlsx' | 'csv' | 'json' | 'dhis2';

export interface ValueInput {
  elementCode: string;
  unitCode: string;
  period: string;
  /** null clears the value. */
  value: number | null;
  comment?: string;
  /** The version the client saw; a different stored version is a conflict (409). */
  baseVersion?: number;
}

export interface SaveValuesInput {
  formCode?: string;
  values: ValueInput[];
  source: ValueSource;
  /** ISO time that counts as submission time (e.g. when an Excel file was uploaded). */
  submittedAt?: string;
  dryRun?: boolean;
  /** Also submit the affected (form, unit, period) submissions. */
  submit?: boolean;
}

export interface RejectedValue {
  index: number;
  field: string;
  message: string;
}

export interface SaveValuesResult {
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedValue[];
  /** Outliers and warning rules: saved, but a comment is needed before submission. */
  warnings: RejectedValue[];
  /** The stored state of every value of the input, with its new version. */
  saved: Array<{
    elementCode: string;
    unitCode: string;
    period: string;
    value: number | null;
    version: number;
  }>;
  /** Submissions moved to 'submitted' (with `submit: true`). */
  submitted: Array<{ formCode: string; unitCode: string; period: string }>;
}

export interface SaveMeta {
  ip?: string | null;
  now?: Date;
}

export interface ExportValuesInput {
  elementCodes?: string[];
  unitCodes: string[];
  periods: string[];
}

export interface ExportedValue {
  elementCode: string;
  unitCode: string;
  period: string;
  value: number;
  status: 'draft' | 'submitted' | 'approved';
  updatedAt: string;
}

/**
 * Saves values all-or-nothing. Rejections (bad codes, types, ranges, blocking rules, locked or
 * expired submissions, stale versions) are listed by input index; unless `dryRun`, any
 * rejection throws (400, 423 when everything rejected is locked, 409 for stale versions with
 * both values) and nothing is stored.
 */
export async function saveValues(
  ctx: AppContext,
  actor: Actor,
  input: SaveValuesInput,
  meta: SaveMeta = {},
): Promise<SaveValuesResult> {
  const now = meta.now ?? new Date();
  const catalog = await loadCatalog(ctx.db);
  const rejected: RejectedValue[] = [];
  const prepared = prepare(ctx, catalog, input, now, rejected);
  await checkScope(ctx, actor, prepared, meta.ip ?? null);
  if (rejected.length && !input.dryRun) throw rejection(rejected, new Set());

  const outbox = newOutbox();
  let outcome: SaveValuesResult | null = null;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      outcome = await saveInTx(
        trx,
        ctx,
        catalog,
        actor,
        input,
        prepared,
        rejected,
        now,
        meta,
        outbox,
      );
      // A dry run checks everything against the stored state and then rolls back.
      if (input.dryRun) throw DRY_RUN;
    });
  } catch (error) {
    if (error !== DRY_RUN) throw error;
  }
  if (!input.dryRun) deliverInBackground(ctx.db, outbox);
  return outcome!;
}

/** Thrown to roll a dry run's transaction back. */
class DryRunRollback extends Error {}
const DRY_RUN = new DryRunRollback('dry run');

/** Outlier warnings need each cell's history; above this many values they are left to submit. */
const WARN_LIMIT = 500;

async function saveInTx(
  trx: Kysely<DB>,
  ctx: AppContext,
  catalog: Catalog,
  actor: Actor,
  input: SaveValuesInput,
  prepared: Prepared[],
  rejected: RejectedValue[],
  now: Date,
  meta: SaveMeta,
  outbox: ReturnType<typeof newOutbox>,
): Promise<SaveValuesResult> {
  const units = [...new Set(prepared.map((p) => p.input.unitCode))];
  const periods = [...new Set(prepared.map((p) => p.input.period))];
  const ruleElements = [
    ...new Set(
      prepared.flatMap((p) => [
        p.element.code,
        ...catalog.rulesFor(p.element.code).flatMap((r) => [r.left, r.right]),
      ]),
    ),
  ];
  const stored = new Map(
    (await repo.findValues(trx, { elementCodes: ruleElements, unitCodes: units, periods })).map(
      (v) => [cellKey(v.element_code, v.unit_code, v.period), v],
    ),
  );
  const subs = new Map(
    (
      await repo.findSubmissions(trx, {
        formCodes: [...new Set(prepared.map((p) => p.form.code))],
        periods,
        unitCodes: units,
      })
    ).map((s) => [subKeyOf(s.form_code, s.unit_code, s.period), s]),
  );

  const locked = new Set<number>();
  const conflicts: Array<Record<string, unknown>> = [];
  const changes: Prepared[] = [];
  for (const p of prepared) {
    const sub = subs.get(p.subKey);
    const v = p.input;
    if (sub && !isEditable(sub.state)) {
      locked.add(p.index);
      rejected.push({
        index: p.index,
        field: 'period',
        message: `「${p.form.name}」${unitName(ctx, v.unitCode)} ${v.period} ${sub.state === 'approved' ? '已审核通过，数据已锁定' : '已上报待审核，数据已锁定'}；如需修改请由审核单位退回或重新打开`,
      });
      continue;
    }
    const { expiryDate } = deadlinesOf(v.period, p.form.dueDays, p.form.expiryDays);
    if (sub?.state !== 'returned' && isExpired(expiryDate, now)) {
      locked.add(p.index);
      rejected.push({
        index: p.index,
        field: 'period',
        message: `「${p.form.name}」${v.period} 已于 ${expiryDate} 截止录入，请联系审核单位退回后修改`,
      });
      continue;
    }
    const existing = stored.get(p.key);
    const sameValue = (existing?.value ?? null) === v.value;
    const sameComment = v.comment === undefined || v.comment === (existing?.comment ?? '');
    if (sameValue && sameComment) continue;
    if (v.baseVersion !== undefined && v.baseVersion !== (existing?.version ?? 0)) {
      conflicts.push({
        index: p.index,
        elementCode: v.elementCode,
        unitCode: v.unitCode,
        period: v.period,
        yourValue: v.value,
        baseVersion: v.baseVersion,
        storedValue: existing?.value ?? null,
        storedVersion: existing?.version ?? 0,
        storedComment: existing?.comment ?? null,
        updatedBy: existing?.updated_by ?? null,
        updatedAt: existing?.updated_at ?? null,
      });
      continue;
    }
    changes.push(p);
  }
  if (conflicts.length && !input.dryRun) throw conflictError(conflicts);
  for (const c of conflicts)
    rejected.push({
      index: c.index as number,
      field: 'baseVersion',
      message: `该数据已被 ${String(c.updatedBy)} 修改为 ${String(c.storedValue)}，请刷新后重试`,
    });

  checkRules(catalog, prepared, stored, rejected);
  rejected.sort((a, b) => a.index - b.index);
  if (rejected.length && !input.dryRun) throw rejection(rejected, locked);

  const at = now.toISOString();
  const result: SaveValuesResult = {
    created: 0,
    updated: 0,
    unchanged: prepared.length - changes.length - conflicts.length - locked.size,
    rejected,
    warnings: [],
    saved: [],
    submitted: [],
  };
  const history = [];
  const inserts: repo.StoredValue[] = [];
  /** What each changed cell holds after this save (a cleared cell: null, version 0). */
  const after = new Map<string, { value: number | null; version: number }>();
  const rejectedIndexes = new Set(rejected.map((r) => r.index));
  for (const p of changes) {
    if (rejectedIndexes.has(p.index)) continue;
    const v = p.input;
    const existing = stored.get(p.key);
    const comment =
      v.comment !== undefined ? v.comment.trim() || null : (existing?.comment ?? null);
    const base = { element_code: v.elementCode, unit_code: v.unitCode, period: v.period };
    let version: number;
    if (!existing) {
      if (v.value === null) {
        result.unchanged += 1;
        continue;
      }
      inserts.push({
        ...base,
        value: v.value,
        status: 'draft',
        updated_at: at,
        updated_by: actor.username,
        version: 1,
        comment,
      });
      version = 1;
      result.created += 1;
      after.set(p.key, { value: v.value, version });
    } else {
      const key = { ...base, version: existing.version };
      const ok = input.dryRun
        ? true
        : v.value === null
          ? await repo.deleteValue(trx, key)
          : await repo.updateValue(trx, key, {
              value: v.value,
              comment,
              status: 'draft',
              updated_at: at,
              updated_by: actor.username,
            });
      if (!ok) throw conflictError([{ index: p.index, ...base, yourValue: v.value }]);
      version = existing.version + 1;
      result.updated += 1;
      after.set(
        p.key,
        v.value === null ? { value: null, version: 0 } : { value: v.value, version },
      );
    }
    history.push({
      ...base,
      old_value: existing?.value ?? null,
      new_value: v.value,
      version,
      comment,
      source: input.source,
      changed_at: at,
      changed_by: actor.username,
    });
  }
  if (!input.dryRun) {
    if (!(await repo.insertValues(trx, inserts)))
      throw new AppError(
        409,
        'VALUE_CONFLICT',
        '有数据在您保存的同时被他人录入，请刷新后重试',
        undefined,
        { conflicts: [] },
      );
    await repo.insertHistory(trx, history);
    for (const subKey of new Set(prepared.map((p) => p.subKey))) {
      if (subs.has(subKey)) continue;
      const [formCode, unitCode, period] = subKey.split('|') as [string, string, string];
      await repo.ensureSubmission(trx, { formCode, unitCode, period }, at);
    }
  }
  result.saved = prepared.map((p) => ({
    elementCode: p.input.elementCode,
    unitCode: p.input.unitCode,
    period: p.input.period,
    value: after.get(p.key)?.value ?? stored.get(p.key)?.value ?? null,
    version: after.get(p.key)?.version ?? stored.get(p.key)?.version ?? 0,
  }));
  const changed = changes.filter((p) => after.has(p.key));
  if (changed.length <= WARN_LIMIT) result.warnings = await warningsFor(trx, changed);
  if (!input.dryRun) {
    await recordAudit(trx, {
      action: 'data.save',
      actor,
      ip: meta.ip ?? null,
      unitCode: units.length === 1 ? units[0]! : null,
      targetType: 'data_values',
      details: {
        source: input.source,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        units: units.length,
        periods: periods.slice(0, 20),
      },
    });
  }
  if (input.submit)
    await submitAll(trx, ctx, catalog, actor, input, prepared, meta, outbox, result);
  return result;
}

async function submitAll(
  trx: Kysely<DB>,
  ctx: AppContext,
  catalog: Catalog,
  actor: Actor,
  input: SaveValuesInput,
  prepared: Prepared[],
  meta: SaveMeta,
  outbox: ReturnType<typeof newOutbox>,
  result: SaveValuesResult,
): Promise<void> {
  if (input.submittedAt !== undefined && Number.isNaN(Date.parse(input.submittedAt)))
    throw badRequest('SUBMITTED_AT_INVALID', 'submittedAt 不是有效的时间', [
      { field: 'submittedAt', message: 'submittedAt 须为 ISO 8601 时间' },
    ]);
  const at = input.submittedAt ? new Date(input.submittedAt).toISOString() : undefined;
  for (const subKey of new Set(prepared.map((p) => p.subKey))) {
    const [formCode, unitCode, period] = subKey.split('|') as [string, string, string];
    const key = { formCode, unitCode, period };
    const sub = await repo.findSubmission(trx, key);
    if (sub && sub.state === 'submitted') continue;
    if (input.dryRun) {
      result.submitted.push(key);
      continue;
    }
    await transitionInTx(trx, ctx, catalog, actor, 'submit', key, { at, ip: meta.ip }, outbox);
    result.submitted.push(key);
  }
}

/** Outliers against each cell's own history: saved, but flagged for a comment. */
async function warningsFor(db: Kysely<DB>, prepared: Prepared[]): Promise<RejectedValue[]> {
  const warnings: RejectedValue[] = [];
  const byUnit = new Map<string, Prepared[]>();
  for (const p of prepared)
    if (p.input.value !== null)
      byUnit.set(p.input.unitCode, [...(byUnit.get(p.input.unitCode) ?? []), p]);
  for (const [unitCode, items] of byUnit) {
    const latest = items
      .map((p) => p.input.period)
      .sort()
      .at(-1)!;
    const history = await repo.findHistory(db, {
      elementCodes: [...new Set(items.map((p) => p.element.code))],
      unitCode,
      before: latest,
    });
    for (const p of items) {
      const own = history
        .filter((h) => h.element_code === p.element.code && h.period < p.input.period)
        .slice(0, OUTLIER_HISTORY);
      for (const issue of outlierIssues(p.element, p.input.value!, own))
        warnings.push({ index: p.index, field: 'value', message: issue.message });
    }
  }
  return warnings;
}

/** Current values in the actor's scope (units outside it are left out, never an error). */
export async function exportValues(
  ctx: AppContext,
  actor: Actor,
  input: ExportValuesInput,
): Promise<ExportedValue[]> {
  const catalog = await loadCatalog(ctx.db);
  const rows = await repo.findValues(ctx.db, {
    elementCodes: input.elementCodes,
    unitCodes: input.unitCodes,
    periods: input.periods,
  });
  return rows
    .filter((r) =>
      can(actor, 'data.read', {
        unitCode: r.unit_code,
        domainCode: catalog.elements.get(r.element_code)
          ? catalog.forms.get(catalog.elements.get(r.element_code)!.formCode)?.domainCode
          : undefined,
      }),
    )
    .map((r) => ({
      elementCode: r.element_code,
      unitCode: r.unit_code,
      period: r.period,
      value: r.value,
      status: r.status,
      updatedAt: r.updated_at,
    }));
}

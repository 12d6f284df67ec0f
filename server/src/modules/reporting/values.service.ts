// Saving and exporting reported values: the one write path for the web grid and every import
// (Excel, CSV, JSON, DHIS2). All-or-nothing, scope-checked per value, validated, versioned,
// history kept, audited. Signatures are a contract with modules/reporting-io.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import type { DB, DataValueHistoryTable } from '../../db/schema';
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
  /** false: leave `saved` empty (bulk imports do not read it back). Default true. */
  returnSaved?: boolean;
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
/** Values turned into rows and written per step. */
const WRITE_SLICE = 2000;

interface WriteBatch {
  inserts: repo.StoredValue[];
  updates: Array<{
    p: Prepared;
    row: Pick<repo.StoredValue, 'element_code' | 'unit_code' | 'period' | 'value' | 'comment'> & {
      version: number;
    };
  }>;
  deletes: Prepared[];
  history: Array<Omit<DataValueHistoryTable, 'id'>>;
}

const newBatch = (): WriteBatch => ({ inserts: [], updates: [], deletes: [], history: [] });

/** Writes one slice: multi-row inserts and updates (version-checked), deletes, history. */
async function writeBatch(
  trx: Kysely<DB>,
  batch: WriteBatch,
  stored: Map<string, repo.StoredValue>,
  stamp: Pick<repo.StoredValue, 'status' | 'updated_at' | 'updated_by'>,
): Promise<void> {
  for (const p of batch.deletes) {
    const v = p.input;
    const base = { element_code: v.elementCode, unit_code: v.unitCode, period: v.period };
    if (!(await repo.deleteValue(trx, { ...base, version: stored.get(p.key)!.version })))
      throw conflictError([
        {
          index: p.index,
          elementCode: v.elementCode,
          unitCode: v.unitCode,
          period: v.period,
          yourValue: v.value,
        },
      ]);
  }
  if (batch.updates.length) {
    const rows = batch.updates.map((u) => u.row);
    if ((await repo.updateValues(trx, rows, stamp)) !== rows.length)
      throw conflictError(await staleUpdates(trx, batch.updates));
  }
  if (!(await repo.insertValues(trx, batch.inserts)))
    throw new AppError(
      409,
      'VALUE_CONFLICT',
      '有数据在您保存的同时被他人录入，请刷新后重试',
      undefined,
      { conflicts: [] },
    );
  await repo.insertHistory(trx, batch.history);
}

/** The updates another writer got to first (their stored version is not the one we wrote). */
async function staleUpdates(
  trx: Kysely<DB>,
  updates: WriteBatch['updates'],
): Promise<Array<Record<string, unknown>>> {
  const now = new Map(
    (
      await repo.findValues(trx, {
        elementCodes: updates.map((u) => u.row.element_code),
        unitCodes: updates.map((u) => u.row.unit_code),
        periods: updates.map((u) => u.row.period),
      })
    ).map((v) => [cellKey(v.element_code, v.unit_code, v.period), v]),
  );
  return updates
    .filter((u) => now.get(u.p.key)?.version !== u.row.version)
    .map(({ p }) => {
      const current = now.get(p.key);
      return {
        index: p.index,
        elementCode: p.input.elementCode,
        unitCode: p.input.unitCode,
        period: p.input.period,
        yourValue: p.input.value,
        ...(current && {
          storedValue: current.value,
          storedVersion: current.version,
          updatedBy: current.updated_by,
          updatedAt: current.updated_at,
        }),
      };
    });
}

/**
 * Why a value's submission takes no entry (locked by review, or past its entry window), or
 * null; worked out once per submission, not per value.
 */
function entryLocks(ctx: AppContext, subs: Map<string, repo.Submission>, now: Date) {
  const memo = new Map<string, string | null>();
  const expiries = new Map<string, string>();
  const lockOf = (p: Prepared): string | null => {
    const v = p.input;
    const sub = subs.get(p.subKey);
    if (sub && !isEditable(sub.state))
      return `「${p.form.name}」${unitName(ctx, v.unitCode)} ${v.period} ${sub.state === 'approved' ? '已审核通过，数据已锁定' : '已上报待审核，数据已锁定'}；如需修改请由审核单位退回或重新打开`;
    const formPeriod = `${p.form.code}|${v.period}`;
    let expiryDate = expiries.get(formPeriod);
    if (expiryDate === undefined) {
      expiryDate = deadlinesOf(v.period, p.form.dueDays, p.form.expiryDays).expiryDate;
      expiries.set(formPeriod, expiryDate);
    }
    if (sub?.state !== 'returned' && isExpired(expiryDate, now))
      return `「${p.form.name}」${v.period} 已于 ${expiryDate} 截止录入，请联系审核单位退回后修改`;
    return null;
  };
  return (p: Prepared): string | null => {
    let lock = memo.get(p.subKey);
    if (lock === undefined) {
      lock = lockOf(p);
      memo.set(p.subKey, lock);
    }
    return lock;
  };
}

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
      [...new Set(prepared.map((p) => p.element.code))].flatMap((code) => [
        code,
        ...catalog.rulesFor(code).flatMap((r) => [r.left, r.right]),
      ]),
    ),
  ];
  // The submissions are locked first (PostgreSQL row locks): a submit or approval running now
  // either waits for this save or has already moved the state this save then reads, so no
  // value can change after its approval (the draft rows exist first, so there is a row to lock).
  const subKeys = [...new Set(prepared.map((p) => p.subKey))].map((subKey) => {
    const [formCode, unitCode, period] = subKey.split('|') as [string, string, string];
    return { formCode, unitCode, period };
  });
  const lockSubmissions = !input.dryRun && ctx.database.dialect === 'postgres';
  if (lockSubmissions) await repo.insertSubmissions(trx, subKeys, now.toISOString());
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
        forUpdate: lockSubmissions,
      })
    ).map((s) => [subKeyOf(s.form_code, s.unit_code, s.period), s]),
  );

  const locked = new Set<number>();
  const conflicts: Array<Record<string, unknown>> = [];
  const changes: Prepared[] = [];
  const lockOf = entryLocks(ctx, subs, now);
  for (const p of prepared) {
    const v = p.input;
    const lock = lockOf(p);
    if (lock) {
      locked.add(p.index);
      rejected.push({ index: p.index, field: 'period', message: lock });
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
  /** What each changed cell holds after this save (a cleared cell: null, version 0). */
  const after = new Map<string, { value: number | null; version: number }>();
  const rejectedIndexes = new Set(rejected.map((r) => r.index));
  const toWrite = rejectedIndexes.size
    ? changes.filter((p) => !rejectedIndexes.has(p.index))
    : changes;
  const stamp = { status: 'draft' as const, updated_at: at, updated_by: actor.username };
  // `after` feeds `saved` and the outlier warnings; a bulk import needs neither.
  const keepAfter = input.returnSaved !== false || toWrite.length <= WARN_LIMIT;
  // Rows are built and written a slice at a time, so a 100,000-value import never holds all
  // its rows (and their history) at once; it stays one transaction.
  for (let i = 0; i < toWrite.length; i += WRITE_SLICE) {
    const batch = newBatch();
    for (const p of toWrite.slice(i, i + WRITE_SLICE)) {
      const v = p.input;
      const existing = stored.get(p.key);
      const comment =
        v.comment !== undefined ? v.comment.trim() || null : (existing?.comment ?? null);
      if (!existing && v.value === null) {
        result.unchanged += 1;
        continue;
      }
      const version = existing ? existing.version + 1 : 1;
      // Plain literals, no object spread: spreading is many times slower on 100,000 rows.
      if (!existing) {
        batch.inserts.push({
          element_code: v.elementCode,
          unit_code: v.unitCode,
          period: v.period,
          value: v.value!,
          status: stamp.status,
          updated_at: stamp.updated_at,
          updated_by: stamp.updated_by,
          version,
          comment,
        });
        result.created += 1;
      } else {
        if (v.value === null) batch.deletes.push(p);
        else
          batch.updates.push({
            p,
            row: {
              element_code: v.elementCode,
              unit_code: v.unitCode,
              period: v.period,
              value: v.value,
              comment,
              version,
            },
          });
        result.updated += 1;
      }
      if (keepAfter)
        after.set(
          p.key,
          v.value === null ? { value: null, version: 0 } : { value: v.value, version },
        );
      batch.history.push({
        element_code: v.elementCode,
        unit_code: v.unitCode,
        period: v.period,
        old_value: existing?.value ?? null,
        new_value: v.value,
        version,
        comment,
        source: input.source,
        changed_at: at,
        changed_by: actor.username,
      });
    }
    if (!input.dryRun) await writeBatch(trx, batch, stored, stamp);
  }
  if (!input.dryRun) {
    const missing = [...new Set(prepared.map((p) => p.subKey))].filter((k) => !subs.has(k));
    await repo.insertSubmissions(
      trx,
      missing.map((subKey) => {
        const [formCode, unitCode, period] = subKey.split('|') as [string, string, string];
        return { formCode, unitCode, period };
      }),
      at,
    );
  }
  if (input.returnSaved !== false)
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
  const subKeys = [...new Set(prepared.map((p) => p.subKey))];
  // One read for all of them, not one per submission.
  const submitted = new Set(
    (
      await repo.findSubmissions(trx, {
        formCodes: [...new Set(prepared.map((p) => p.form.code))],
        periods: [...new Set(prepared.map((p) => p.input.period))],
        unitCodes: [...new Set(prepared.map((p) => p.input.unitCode))],
        states: ['submitted'],
      })
    ).map((s) => subKeyOf(s.form_code, s.unit_code, s.period)),
  );
  for (const subKey of subKeys) {
    const [formCode, unitCode, period] = subKey.split('|') as [string, string, string];
    const key = { formCode, unitCode, period };
    if (submitted.has(subKey)) continue;
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
  for (const p of prepared) {
    if (p.input.value === null) continue;
    const items = byUnit.get(p.input.unitCode);
    if (items) items.push(p);
    else byUnit.set(p.input.unitCode, [p]);
  }
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

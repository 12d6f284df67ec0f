// The configurable rule engine: settings (seeded with the defaults), changing them, and the
// run that raises items automatically and escalates late replies. A run loads its inputs
// once, evaluates in memory (core/tasking/rules.ts) and inserts in batches; dedup keys make
// re-runs, and runs in two processes at once, raise nothing twice.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import type { DB } from '../../db/schema';
import { badRequest, type ErrorDetail } from '../../common/errors';
import type { Actor } from '../../common/policy';
import { recordAudit } from '../audit/audit.service';
import {
  deliverInBackground,
  newOutbox,
  notify,
  type Outbox,
} from '../reporting/notifications.service';
import { todayCst } from '../../../../core/reporting';
import {
  DEFAULT_RULES,
  LEVEL_WORDS,
  RULE_CODES,
  RULE_WORDS,
  checkRuleParams,
  escalationStep,
  evaluateRules,
  replyDueFor,
  settingsFrom,
  type DeadlineConfig,
  type RaisedItem,
  type RuleCode,
  type RuleSettings,
} from '../../../../core/tasking';
import { lateSubmissionRows, milestoneRows, targetRows } from './rule-inputs';
import type { RulesInput } from './supervision.schema';
import * as repo from './supervision.repository';

const SYSTEM = 'system:rules';
const BATCH = 200;

/** The rule settings, with any missing row seeded from the defaults first. */
export async function loadSettings(db: Kysely<DB>): Promise<RuleSettings> {
  let rows = await repo.ruleRows(db);
  if (rows.length < RULE_CODES.length) {
    const have = new Set(rows.map((r) => r.code));
    const at = new Date().toISOString();
    for (const code of RULE_CODES.filter((c) => !have.has(c)))
      await repo.insertRuleIfMissing(db, {
        code,
        enabled: DEFAULT_RULES[code].enabled ? 1 : 0,
        params: JSON.stringify(DEFAULT_RULES[code].params),
        updated_at: at,
        updated_by: 'system:defaults',
      });
    rows = await repo.ruleRows(db);
  }
  return settingsFrom(
    rows.map((r) => ({ code: r.code, enabled: Boolean(r.enabled), params: parse(r.params) })),
  );
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function listRules(db: Kysely<DB>) {
  const settings = await loadSettings(db);
  return RULE_CODES.map((code) => ({
    code,
    name: RULE_WORDS[code],
    enabled: settings[code].enabled,
    params: settings[code].params as unknown as Record<string, unknown>,
  }));
}

export async function updateRules(
  db: Kysely<DB>,
  input: RulesInput,
  by: { actor: Actor; ip: string | null },
) {
  const problems: ErrorDetail[] = [];
  input.rules.forEach((r, i) => {
    if (!RULE_CODES.includes(r.code as RuleCode)) {
      problems.push({ field: `rules[${i}].code`, message: `未知规则“${r.code}”` });
      return;
    }
    for (const p of checkRuleParams(r.code as RuleCode, r.params))
      problems.push({
        field: `rules[${i}].${p.field}`,
        message: `${RULE_WORDS[r.code as RuleCode]}：${p.message}`,
      });
  });
  if (problems.length)
    throw badRequest('RULE_PARAMS_INVALID', `规则设置有误：${problems[0]!.message}`, problems);
  const before = await loadSettings(db);
  const at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const r of input.rules)
      await repo.upsertRule(trx, {
        code: r.code,
        enabled: r.enabled ? 1 : 0,
        params: JSON.stringify(r.params),
        updated_at: at,
        updated_by: by.actor.username,
      });
    await recordAudit(trx, {
      action: 'supervision.rules.update',
      actor: by.actor,
      ip: by.ip,
      targetType: 'supervision_rules',
      details: {
        changes: input.rules.map((r) => ({
          code: r.code,
          before: before[r.code as RuleCode],
          after: { enabled: r.enabled, params: r.params },
        })),
      },
    });
  });
  return listRules(db);
}

/** The unit rule-raised items are issued in the name of: the supervision office. */
function officeUnit(ctx: AppContext): string {
  return ctx.orgs.all().find((u) => u.name === '省政府督查室')?.code ?? '440000';
}

async function raiseItems(
  ctx: AppContext,
  trx: Kysely<DB>,
  raised: RaisedItem[],
  deadlines: DeadlineConfig,
  today: string,
  outbox: Outbox,
): Promise<number> {
  const at = new Date().toISOString();
  const issuer = officeUnit(ctx);
  const known = raised.filter((r) => ctx.orgs.get(r.targetUnitCode));
  const inserted: Array<{ id: number; item: RaisedItem; replyDue: string }> = [];
  for (let i = 0; i < known.length; i += BATCH) {
    const batch = known.slice(i, i + BATCH);
    const rows = batch.map((r) => ({
      kind: 'supervision' as const,
      level: r.level,
      title: r.title,
      body: r.body,
      source: 'rule' as const,
      rule_code: r.ruleCode,
      dedup_key: r.dedupKey,
      issuer_unit_code: issuer,
      issued_by: SYSTEM,
      target_unit_code: r.targetUnitCode,
      domain_code: r.domainCode,
      task_number: r.taskNumber,
      ledger_item_id: r.ledgerItemId,
      inspection_id: null,
      status: 'open' as const,
      reply_due: replyDueFor(r.level, today, deadlines),
      escalation_level: 0,
      created_at: at,
      updated_at: at,
      closed_at: null,
    }));
    // A concurrent run may have raised the same key a moment ago: skip it, keep the rest.
    const ids = await trx
      .insertInto('supervision_items')
      .values(rows)
      .onConflict((oc) => oc.column('dedup_key').doNothing())
      .returning(['id', 'dedup_key', 'reply_due'])
      .execute();
    const byKey = new Map(batch.map((r) => [r.dedupKey, r]));
    for (const row of ids)
      inserted.push({ id: row.id, item: byKey.get(row.dedup_key!)!, replyDue: row.reply_due });
  }
  for (let i = 0; i < inserted.length; i += BATCH)
    await trx
      .insertInto('supervision_events')
      .values(
        inserted.slice(i, i + BATCH).map((x) => ({
          item_id: x.id,
          kind: 'issued' as const,
          text: `按规则“${RULE_WORDS[x.item.ruleCode]}”自动发起${LEVEL_WORDS[x.item.level]}，限 ${x.replyDue} 前答复`,
          actor: SYSTEM,
          unit_code: issuer,
          at,
        })),
      )
      .execute();
  // One notification per unit and run: a first run may raise hundreds at once.
  const perUnit = new Map<string, typeof inserted>();
  for (const x of inserted)
    perUnit.set(x.item.targetUnitCode, [...(perUnit.get(x.item.targetUnitCode) ?? []), x]);
  for (const [unitCode, list] of perUnit)
    await notify(trx, outbox, {
      unitCode,
      kind: 'supervision.issued',
      title:
        list.length === 1
          ? `${LEVEL_WORDS[list[0]!.item.level]}：${list[0]!.item.title}`
          : `新增 ${list.length} 项督办事项`,
      body: `请在督办看板查看并于期限内答复：${list
        .slice(0, 5)
        .map((x) => x.item.title)
        .join('；')}${list.length > 5 ? ' 等' : ''}`,
      link: { unitCode },
    });
  if (inserted.length)
    await recordAudit(trx, {
      action: 'supervision.rules.raise',
      username: SYSTEM,
      details: {
        raised: inserted.length,
        byRule: countBy(inserted.map((x) => x.item.ruleCode)),
        ids: inserted.slice(0, 200).map((x) => x.id),
      },
    });
  return inserted.length;
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

async function escalateLate(
  trx: Kysely<DB>,
  deadlines: DeadlineConfig,
  today: string,
  outbox: Outbox,
): Promise<number> {
  let escalated = 0;
  const at = new Date().toISOString();
  for (const row of await repo.lateItems(trx, today)) {
    const step = escalationStep(
      {
        level: row.level,
        escalationLevel: row.escalation_level,
        status: row.status,
        replyDue: row.reply_due,
      },
      today,
      deadlines,
    );
    if (!step) continue;
    const patch = {
      level: step.level,
      escalation_level: step.escalationLevel,
      reply_due: step.replyDue,
      updated_at: at,
    };
    // Guarded on the deadline too: another process escalating the same item wins once.
    const r = await trx
      .updateTable('supervision_items')
      .set(patch)
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .where('reply_due', '=', row.reply_due)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) continue;
    escalated += 1;
    await repo.insertEvent(trx, {
      item_id: row.id,
      kind: 'escalated',
      text: step.text,
      actor: SYSTEM,
      unit_code: null,
      at,
    });
    await recordAudit(trx, {
      action: 'supervision.escalate',
      username: SYSTEM,
      unitCode: row.target_unit_code,
      targetType: 'supervision_item',
      targetId: row.id,
      details: {
        from: row.level,
        to: step.level,
        escalationLevel: step.escalationLevel,
        replyDue: step.replyDue,
        reported: step.reported,
      },
    });
    for (const unitCode of new Set([row.target_unit_code, row.issuer_unit_code]))
      await notify(trx, outbox, {
        unitCode,
        kind: 'supervision.escalated',
        title: `督办升级：${row.title}`,
        body: step.text,
        link: { unitCode: row.target_unit_code },
      });
  }
  return escalated;
}

/** Runs every enabled rule once at `now`: raises items (dedup keys, so re-runs raise nothing twice) and escalates late replies. */
export async function runSupervisionRules(
  ctx: AppContext,
  now: Date = new Date(),
): Promise<{ raised: number; escalated: number }> {
  const settings = await loadSettings(ctx.db);
  const today = todayCst(now);
  const deadlines = settings['reply-deadlines'].params;
  const mo = settings['milestone-overdue'];
  const tt = settings['target-off-track'];
  const sl = settings['submission-late'];
  const [milestones, targets, lateSubmissions, already] = await Promise.all([
    mo.enabled ? milestoneRows(ctx, today, mo.params.days) : [],
    tt.enabled ? targetRows(ctx, today, tt.params.periods) : [],
    sl.enabled ? lateSubmissionRows(ctx, now) : [],
    repo.raisedKeys(ctx.db),
  ]);
  const raised = evaluateRules({ milestones, targets, lateSubmissions }, settings, today, already);
  const outbox = newOutbox();
  const result = await ctx.db.transaction().execute(async (trx) => ({
    raised: await raiseItems(ctx, trx, raised, deadlines, today, outbox),
    escalated: settings['reply-escalation'].enabled
      ? await escalateLate(trx, deadlines, today, outbox)
      : 0,
  }));
  deliverInBackground(ctx.db, outbox);
  return result;
}

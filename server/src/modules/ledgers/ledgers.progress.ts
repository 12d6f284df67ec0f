// Progress reports (进展报送): percent, text, evidence files, a milestone marked done, and the
// status — the rule's proposal, or another one with a reason. The report, its files and the
// item's new state commit together with the audit event; the owner unit hears of a turn to
// at risk or delayed.
import type { AppContext } from '../../context';
import { badRequest, conflict, type ErrorDetail } from '../../common/errors';
import type { MultipartForm } from '../../common/multipart';
import type { Actor } from '../../common/policy';
import type { LedgerStatus } from '../../db/schema';
import {
  LEDGER_STATUSES,
  resolveReportedStatus,
  validateProgress,
  type LedgerStatusProposal,
} from '../../../../core/tasking';
import { recordAudit } from '../audit/audit.service';
import { checkEvidenceFiles, storeEvidence } from '../evidence/evidence.service';
import { deliverInBackground, newOutbox } from '../reporting/notifications.service';
import { unitInScope, type ChangeBy } from './ledgers.access';
import { effectiveStatus, proposalFor, today } from './ledgers.model';
import * as repo from './ledgers.repository';
import type { MilestoneRow } from './ledgers.repository';
import type { ReportResponse } from './ledgers.schema';
import { loadForWrite, loadVisible, notifyStatus } from './ledgers.service';

export interface ProgressFields {
  percentDone: number;
  text: string;
  milestoneId: number | null;
  milestoneDone: boolean;
  status: LedgerStatus | null;
  overrideReason: string | null;
  version: number | null;
}

const TRUE = new Set(['true', '1', 'on', 'yes']);

/** Reads the form's text fields; every problem is named by its field. */
export function parseProgressFields(fields: Record<string, string>): ProgressFields {
  const details: ErrorDetail[] = [];
  const int = (name: string): number | null => {
    const raw = fields[name]?.trim();
    if (!raw) return null;
    if (!/^\d+$/.test(raw)) details.push({ field: name, message: `${name} 须为正整数` });
    return Number(raw);
  };
  const percentText = fields.percentDone?.trim() ?? '';
  const percentDone = percentText === '' ? Number.NaN : Number(percentText);
  const status = fields.status?.trim() || null;
  if (status && !LEDGER_STATUSES.includes(status as LedgerStatus))
    details.push({ field: 'status', message: `状态（status）“${status}”无效` });
  const parsed: ProgressFields = {
    percentDone,
    text: fields.text?.trim() ?? '',
    milestoneId: int('milestoneId'),
    milestoneDone: TRUE.has((fields.milestoneDone ?? '').trim().toLowerCase()),
    status: status as LedgerStatus | null,
    overrideReason: fields.overrideReason?.trim() || null,
    version: int('version'),
  };
  details.push(...validateProgress(parsed));
  if (parsed.milestoneDone && parsed.milestoneId === null)
    details.push({ field: 'milestoneId', message: '标记里程碑完成时须选择里程碑（milestoneId）' });
  if (details.length > 0) throw badRequest('PROGRESS_INVALID', details[0]!.message, details);
  return parsed;
}

function milestoneOf(milestones: MilestoneRow[], id: number | null): MilestoneRow | null {
  if (id === null) return null;
  const m = milestones.find((x) => x.id === id);
  if (!m)
    throw badRequest('PROGRESS_INVALID', '里程碑（milestoneId）不属于该事项', [
      { field: 'milestoneId', message: '不属于该事项' },
    ]);
  return m;
}

/** What the rule would say after a report of `percentDone` (and a milestone done). */
export async function previewProposal(
  ctx: AppContext,
  actor: Actor,
  id: number,
  q: { percentDone: number; milestoneId?: number },
  now = new Date(),
): Promise<LedgerStatusProposal> {
  const row = await loadVisible(ctx, actor, id);
  const milestones = await repo.milestonesOf(ctx.db, [id]);
  const done = milestoneOf(milestones, q.milestoneId ?? null);
  const day = today(now);
  return proposalFor(
    { ...row, percent_done: q.percentDone, last_reported_at: now.toISOString() },
    milestones.map((m) => (m.id === done?.id ? { ...m, done_on: m.done_on ?? day } : m)),
    day,
  );
}

export async function reportProgress(
  ctx: AppContext,
  id: number,
  form: MultipartForm,
  by: ChangeBy,
  now = new Date(),
): Promise<ReportResponse> {
  const row = await loadForWrite(ctx, by, id, 'ledger.report', '无权报送该工作台账事项的进展');
  const fields = parseProgressFields(form.fields);
  const files = await checkEvidenceFiles(form.files);
  if (fields.version !== null && fields.version !== row.version)
    throw conflict('LEDGER_VERSION_CONFLICT', '该事项已被他人更新，请刷新后重新报送');
  const milestones = await repo.milestonesOf(ctx.db, [id]);
  const milestone = milestoneOf(milestones, fields.milestoneId);
  const day = today(now);
  const at = now.toISOString();
  const markDone = fields.milestoneDone && milestone !== null && !milestone.done_on;
  const after = milestones.map((m) =>
    markDone && m.id === milestone.id ? { ...m, done_on: day } : m,
  );
  const proposal = proposalFor(
    { ...row, percent_done: fields.percentDone, last_reported_at: at },
    after,
    day,
  );
  const resolved = resolveReportedStatus(proposal.status, fields.status, fields.overrideReason);
  if (!resolved.ok)
    throw badRequest('PROGRESS_INVALID', resolved.message, [
      { field: resolved.field, message: resolved.message },
    ]);
  const before = effectiveStatus(row, milestones, day).status;
  const unitCode = unitInScope(by.actor, row) ?? row.owner_unit_code;
  const outbox = newOutbox();
  const result = await ctx.db.transaction().execute(async (trx) => {
    if (markDone) await repo.updateMilestone(trx, milestone.id, { done_on: day });
    const reportId = await repo.insertReport(trx, {
      item_id: id,
      milestone_id: milestone?.id ?? null,
      percent_done: fields.percentDone,
      text: fields.text,
      proposed_status: proposal.status,
      status: resolved.status,
      override_reason: resolved.overrideReason,
      reported_at: at,
      reported_by: by.actor.username,
      unit_code: unitCode,
    });
    // Evidence is downloadable by the reporter's unit (a city reporting) or, for province-wide
    // reporters, by the item's city; always within the item's domain.
    const evidenceUnit =
      by.actor.unitScope === 'all' ? (row.city_code ?? row.owner_unit_code) : unitCode;
    const evidence = await storeEvidence(
      trx,
      { type: 'progress', id: reportId, unitCode: evidenceUnit, domainCode: row.domain_code },
      files,
      by.actor.username,
    );
    const updated = await repo.updateItemAtVersion(trx, id, row.version, {
      percent_done: fields.percentDone,
      status: resolved.status,
      status_override_reason: resolved.overrideReason,
      last_reported_at: at,
      version: row.version + 1,
      updated_at: at,
    });
    if (!updated) throw conflict('LEDGER_VERSION_CONFLICT', '该事项已被他人更新，请刷新后重新报送');
    await recordAudit(trx, {
      action: 'ledger.report',
      actor: by.actor,
      ip: by.ip,
      targetType: 'ledger_item',
      targetId: id,
      unitCode,
      details: {
        code: row.code,
        reportId,
        percentDone: fields.percentDone,
        proposedStatus: proposal.status,
        status: resolved.status,
        overrideReason: resolved.overrideReason,
        milestoneDone: markDone ? milestone.id : null,
        files: evidence.map((e) => ({ id: e.id, name: e.fileName, size: e.size })),
      },
    });
    if (resolved.status !== before) {
      const reason = resolved.overrideReason ?? proposal.reason;
      await notifyStatus(trx, outbox, row, resolved.status, reason, day);
    }
    return { reportId, evidence };
  });
  deliverInBackground(ctx.db, outbox);
  return {
    reportId: result.reportId,
    status: resolved.status,
    proposedStatus: proposal.status,
    percentDone: fields.percentDone,
    version: row.version + 1,
    evidence: result.evidence,
  };
}

// 暗访督查: record a visit (place, date, inspectors, summary, photos) and turn each finding into a
// rectification item (整改) tracked like a supervision item — all in one transaction.
import type { AppContext } from '../../context';
import { badRequest, notFound, forbidden, type ErrorDetail } from '../../common/errors';
import { can, type Actor } from '../../common/policy';
import { recordAudit } from '../audit/audit.service';
import { deliverInBackground, newOutbox } from '../reporting/notifications.service';
import {
  checkEvidenceFiles,
  listEvidence,
  storeEvidence,
  type CheckedFile,
} from '../evidence/evidence.service';
import type { UploadedFile } from '../../common/multipart';
import { todayCst } from '../../../../core/reporting';
import {
  LEVEL_WORDS,
  SUPERVISION_LEVELS,
  isCalendarDate,
  type SupervisionLevel,
} from '../../../../core/tasking';
import { PROVINCE, canSee, notifyIssued, toDto, type By } from './supervision.service';
import type { InspectionDto } from './supervision.schema';
import * as repo from './supervision.repository';
import type { InspectionRow } from './supervision.repository';

export interface Finding {
  text: string;
  ownerUnitCode: string;
  deadline: string;
  level: SupervisionLevel;
}

export interface InspectionInput {
  place: string;
  cityCode: string;
  countyCode: string | null;
  visitedOn: string;
  inspectors: string[];
  summary: string;
  domainCode: string | null;
  findings: Finding[];
}

/** `张三、李四`, `张三,李四` or a JSON array. */
export function parseInspectors(raw: string | undefined): string[] {
  const text = (raw ?? '').trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map((x) => String(x).trim()).filter(Boolean);
    } catch {
      return [];
    }
  }
  return text
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

type Problems = ErrorDetail[];
const need = (out: Problems, ok: boolean, field: string, message: string) => {
  if (!ok) out.push({ field, message });
};

function parseFindings(raw: string | undefined, out: Problems): unknown[] {
  if (raw === undefined || raw.trim() === '') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // reported below
  }
  out.push({ field: 'findings', message: '发现问题须为 JSON 数组' });
  return [];
}

function checkFinding(
  ctx: AppContext,
  raw: unknown,
  i: number,
  visitedOn: string,
  out: Problems,
): Finding | null {
  const f = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = typeof f.text === 'string' ? f.text.trim() : '';
  const owner = typeof f.ownerUnitCode === 'string' ? f.ownerUnitCode : '';
  const deadline = typeof f.deadline === 'string' ? f.deadline : '';
  const level = (f.level ?? 'general') as SupervisionLevel;
  const before = out.length;
  need(
    out,
    text.length > 0 && text.length <= 2000,
    `findings[${i}].text`,
    '请填写问题描述（不超过 2000 字）',
  );
  need(
    out,
    Boolean(ctx.orgs.get(owner)),
    `findings[${i}].ownerUnitCode`,
    `整改责任单位“${owner}”不存在`,
  );
  if (!isCalendarDate(deadline))
    out.push({ field: `findings[${i}].deadline`, message: '整改期限须为有效日期' });
  else
    need(
      out,
      !isCalendarDate(visitedOn) || deadline >= visitedOn,
      `findings[${i}].deadline`,
      '整改期限不能早于督查日期',
    );
  need(
    out,
    SUPERVISION_LEVELS.includes(level),
    `findings[${i}].level`,
    '督办级别须为 general、key 或 listed',
  );
  return out.length === before ? { text, ownerUnitCode: owner, deadline, level } : null;
}

/** The form's fields checked together: every problem at once, each with its field. */
export function checkInspection(
  ctx: AppContext,
  fields: Record<string, string>,
  today: string,
  domains: ReadonlySet<string>,
): InspectionInput {
  const out: Problems = [];
  const place = (fields.place ?? '').trim();
  const cityCode = (fields.cityCode ?? '').trim();
  const countyCode = (fields.countyCode ?? '').trim() || null;
  const visitedOn = (fields.visitedOn ?? '').trim();
  const summary = (fields.summary ?? '').trim();
  const domainCode = (fields.domainCode ?? '').trim() || null;
  const inspectors = parseInspectors(fields.inspectors);
  need(out, place.length > 0 && place.length <= 200, 'place', '请填写督查地点（不超过 200 字）');
  const city = ctx.orgs.get(cityCode);
  need(out, city?.level === 'city', 'cityCode', `地市“${cityCode}”不存在`);
  if (countyCode) {
    const county = ctx.orgs.get(countyCode);
    need(
      out,
      county?.level === 'county' && county.parent_code === cityCode,
      'countyCode',
      `县（区）“${countyCode}”不属于所选地市`,
    );
  }
  if (!isCalendarDate(visitedOn))
    out.push({ field: 'visitedOn', message: '督查日期须为有效日期（YYYY-MM-DD）' });
  else need(out, visitedOn <= today, 'visitedOn', '督查日期不能晚于今天');
  need(out, inspectors.length > 0 && inspectors.length <= 20, 'inspectors', '请填写督查人员');
  need(
    out,
    summary.length > 0 && summary.length <= 5000,
    'summary',
    '请填写督查情况（不超过 5000 字）',
  );
  if (domainCode) need(out, domains.has(domainCode), 'domainCode', `领域“${domainCode}”不存在`);
  const findings = parseFindings(fields.findings, out)
    .map((f, i) => checkFinding(ctx, f, i, visitedOn, out))
    .filter((f): f is Finding => f !== null);
  need(out, findings.length <= 50 || out.length > 0, 'findings', '发现问题不能超过 50 条');
  if (out.length)
    throw badRequest(
      'INSPECTION_INVALID',
      out.length === 1 ? out[0]!.message : `督查记录有 ${out.length} 处错误：${out[0]!.message} 等`,
      out,
    );
  return { place, cityCode, countyCode, visitedOn, inspectors, summary, domainCode, findings };
}

/** Photos must be images (the evidence check already proved their real type). */
export async function checkPhotos(files: UploadedFile[]): Promise<CheckedFile[]> {
  const checked = await checkEvidenceFiles(files);
  const bad = checked.findIndex((f) => !f.mediaType.startsWith('image/'));
  if (bad >= 0)
    throw badRequest(
      'PHOTO_NOT_IMAGE',
      `“${checked[bad]!.fileName}”不是图片，现场照片须为 JPG/PNG/WebP/GIF`,
      [{ field: `files[${bad}]`, message: '须为图片' }],
    );
  return checked;
}

export async function recordInspection(
  ctx: AppContext,
  fields: Record<string, string>,
  files: UploadedFile[],
  by: By,
  now = new Date(),
) {
  const plan = (await ctx.plans.current())?.plan;
  const domains = new Set(plan?.domains.map((d) => d.code) ?? []);
  const input = checkInspection(ctx, fields, todayCst(now), domains);
  const photos = await checkPhotos(files);
  const outbox = newOutbox();
  const issuer = by.actor.unitCode ?? PROVINCE;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const inspectionId = await repo.insertInspection(trx, {
      place: input.place,
      city_code: input.cityCode,
      county_code: input.countyCode,
      visited_on: input.visitedOn,
      inspectors: JSON.stringify(input.inspectors),
      summary: input.summary,
      domain_code: input.domainCode,
      created_at: at,
      created_by: by.actor.username,
    });
    await storeEvidence(
      trx,
      {
        type: 'inspection',
        id: inspectionId,
        unitCode: input.countyCode ?? input.cityCode,
        domainCode: input.domainCode,
      },
      photos,
      by.actor.username,
    );
    const itemIds: number[] = [];
    for (const [i, f] of input.findings.entries()) {
      const title = `暗访整改：${input.place}（问题 ${i + 1}）`;
      const itemId = await repo.insertItem(trx, {
        kind: 'rectification',
        level: f.level,
        title,
        body: f.text,
        source: 'manual',
        rule_code: null,
        dedup_key: null,
        issuer_unit_code: issuer,
        issued_by: by.actor.username,
        target_unit_code: f.ownerUnitCode,
        domain_code: input.domainCode,
        task_number: null,
        ledger_item_id: null,
        inspection_id: inspectionId,
        status: 'open',
        reply_due: f.deadline,
        escalation_level: 0,
        created_at: at,
        updated_at: at,
        closed_at: null,
      });
      itemIds.push(itemId);
      await repo.insertEvent(trx, {
        item_id: itemId,
        kind: 'issued',
        text: `暗访督查（${input.visitedOn}，${input.place}）发现问题，交办整改（${LEVEL_WORDS[f.level]}），限 ${f.deadline} 前整改到位并答复`,
        actor: by.actor.username,
        unit_code: by.actor.unitCode,
        at,
      });
      await notifyIssued(trx, outbox, {
        id: itemId,
        level: f.level,
        title,
        target: f.ownerUnitCode,
        replyDue: f.deadline,
        kind: 'rectification',
      });
    }
    await recordAudit(trx, {
      action: 'inspection.record',
      actor: by.actor,
      ip: by.ip,
      unitCode: input.countyCode ?? input.cityCode,
      targetType: 'inspection',
      targetId: inspectionId,
      details: {
        findings: input.findings.length,
        items: itemIds,
        photos: photos.map((p) => p.fileName),
      },
    });
    return inspectionId;
  });
  deliverInBackground(ctx.db, outbox);
  return getInspection(ctx, by.actor, id, now);
}

/** A visit is the visited unit's (and its domain's); those answering a finding see it too. */
function seesVisit(actor: Actor, r: InspectionRow): boolean {
  return can(actor, 'task.read', {
    unitCode: r.county_code ?? r.city_code,
    domainCode: r.domain_code,
  });
}

async function toDtos(
  ctx: AppContext,
  actor: Actor,
  rows: InspectionRow[],
  now: Date,
): Promise<InspectionDto[]> {
  const today = todayCst(now);
  const items = await repo.itemsOfInspections(
    ctx.db,
    rows.map((r) => r.id),
  );
  const photos = await listEvidence(
    ctx.db,
    'inspection',
    rows.map((r) => r.id),
  );
  const name = (code: string | null) => (code ? (ctx.orgs.get(code)?.name ?? code) : null);
  return rows
    .map((r) => {
      const own = items.filter((i) => i.inspection_id === r.id && canSee(actor, i));
      const visit = seesVisit(actor, r);
      if (!visit && own.length === 0) return null;
      return {
        id: r.id,
        place: r.place,
        cityCode: r.city_code,
        cityName: name(r.city_code)!,
        countyCode: r.county_code,
        countyName: name(r.county_code),
        visitedOn: r.visited_on,
        inspectors: JSON.parse(r.inspectors) as string[],
        summary: r.summary,
        domainCode: r.domain_code,
        createdAt: r.created_at,
        createdBy: r.created_by,
        photos: visit ? (photos.get(r.id) ?? []) : [],
        items: own.map((i) => toDto(ctx, actor, i, today)),
      };
    })
    .filter((x): x is InspectionDto => x !== null);
}

export async function listInspections(ctx: AppContext, actor: Actor, now = new Date()) {
  return toDtos(ctx, actor, await repo.listInspections(ctx.db), now);
}

export async function getInspection(ctx: AppContext, actor: Actor, id: number, now = new Date()) {
  const row = await repo.findInspection(ctx.db, id);
  if (!row) throw notFound('INSPECTION_NOT_FOUND', `督查记录不存在（编号 ${id}）`);
  const [dto] = await toDtos(ctx, actor, [row], now);
  if (!dto) throw forbidden('无权查看该督查记录');
  return dto;
}

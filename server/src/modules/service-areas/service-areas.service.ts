// Registry rules: who may see and change which service area, duplicates, effective dates,
// and the change history written with every change in one transaction with its audit event.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import { AppError, badRequest, forbidden, notFound } from '../../common/errors';
import { can, type Actor } from '../../common/policy';
import type { DB } from '../../db/schema';
import { recordAudit } from '../audit/audit.service';
import { checkArea, type RawArea } from './service-areas.validation';
import {
  fromRow,
  identityKey,
  toFields,
  type ServiceArea,
  type ServiceAreaData,
} from './service-areas.model';
import * as repo from './service-areas.repository';
import type { AreaRow } from './service-areas.repository';

/** 七 交通: the plan domain tasks 20 and 21 belong to (its lead unit is 省交通运输厅). */
export const SERVICE_AREA_DOMAIN = 'D07';

export interface ChangeBy {
  actor: Actor;
  ip: string | null;
}

export const today = () => new Date().toISOString().slice(0, 10);

/** The unit an area is judged by: its county when it has one, else its city. */
const areaUnit = (a: Pick<ServiceAreaData, 'cityCode' | 'countyCode'>) =>
  a.countyCode ?? a.cityCode;

export function canSee(actor: Actor, a: Pick<ServiceAreaData, 'cityCode' | 'countyCode'>) {
  return can(actor, 'serviceArea.read', { unitCode: areaUnit(a), domainCode: SERVICE_AREA_DOMAIN });
}

export function canEdit(actor: Actor, a: Pick<ServiceAreaData, 'cityCode' | 'countyCode'>) {
  return can(actor, 'serviceArea.write', {
    unitCode: areaUnit(a),
    domainCode: SERVICE_AREA_DOMAIN,
  });
}

/** Rows the actor may see (lists never leak foreign rows). */
export async function visibleRows(db: Kysely<DB>, actor: Actor): Promise<AreaRow[]> {
  const rows = await repo.listAreas(db);
  return rows.filter((r) => canSee(actor, { cityCode: r.city_code, countyCode: r.county_code }));
}

export async function listServiceAreas(db: Kysely<DB>, actor: Actor): Promise<ServiceArea[]> {
  return (await visibleRows(db, actor)).map(fromRow);
}

async function loadVisible(db: Kysely<DB>, actor: Actor, id: number): Promise<AreaRow> {
  const row = await repo.findArea(db, id);
  if (!row || !canSee(actor, { cityCode: row.city_code, countyCode: row.county_code }))
    throw notFound('SERVICE_AREA_NOT_FOUND', `服务区不存在或无权查看（编号 ${id}）`);
  return row;
}

export async function getServiceArea(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await loadVisible(db, actor, id);
  const history = await repo.historyOf(db, id);
  return {
    area: fromRow(row),
    history: history.map((h) => ({
      id: h.id,
      change: h.change,
      validFrom: h.valid_from,
      recordedAt: h.recorded_at,
      recordedBy: h.recorded_by,
      reason: h.reason,
      parkingSpaces: Number(h.parking_spaces),
      chargingSpaces: Number(h.charging_spaces),
      chargerCount: Number(h.charger_count),
      status: h.status,
      statusDate: h.status_date,
    })),
  };
}

function invalid(errors: Array<{ field: string; message: string }>): AppError {
  return badRequest(
    'SERVICE_AREA_INVALID',
    errors.length === 1
      ? errors[0]!.message
      : `服务区信息有 ${errors.length} 处错误：${errors[0]!.message} 等`,
    errors.map((e) => ({ field: e.field, message: e.message })),
  );
}

function checkOrThrow(ctx: AppContext, raw: RawArea) {
  const checked = checkArea(raw, ctx.orgs, today());
  if (!checked.data) throw invalid(checked.errors);
  return { data: checked.data, effectiveDate: checked.effectiveDate ?? today() };
}

function duplicateError(d: ServiceAreaData): AppError {
  return new AppError(
    409,
    'SERVICE_AREA_DUPLICATE',
    `服务区已存在：${d.name}（${d.road}，${d.direction}）`,
    [{ field: 'name', message: '同名、同道路、同方向的服务区已存在' }],
  );
}

function refuseEdit(actor: Actor, d: ServiceAreaData): void {
  if (!canEdit(actor, d)) throw forbidden('只能编辑本单位辖区内的服务区');
}

export async function createServiceArea(
  ctx: AppContext,
  raw: RawArea & { reason?: string },
  by: ChangeBy,
): Promise<number> {
  const { data, effectiveDate } = checkOrThrow(ctx, raw);
  refuseEdit(by.actor, data);
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.findByIdentity(trx, data)) throw duplicateError(data);
    const now = new Date().toISOString();
    const id = await repo.insertArea(trx, {
      ...toFields(data),
      valid_from: effectiveDate,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    });
    await repo.insertHistory(trx, [
      historyRow(id, 'create', data, effectiveDate, now, by.actor.username, raw.reason),
    ]);
    await recordAudit(trx, {
      action: 'serviceArea.create',
      actor: by.actor,
      ip: by.ip,
      targetType: 'service_area',
      targetId: id,
      unitCode: areaUnit(data),
      details: { name: data.name, road: data.road, effectiveDate },
    });
    return id;
  });
}

export function historyRow(
  areaId: number,
  change: 'create' | 'update' | 'delete',
  data: ServiceAreaData,
  validFrom: string,
  recordedAt: string,
  recordedBy: string,
  reason?: string | null,
) {
  return {
    area_id: areaId,
    change,
    ...toFields(data),
    valid_from: validFrom,
    recorded_at: recordedAt,
    recorded_by: recordedBy,
    reason: reason || null,
  };
}

function checkEffectiveAfter(row: AreaRow, effectiveDate: string): void {
  if (effectiveDate < row.valid_from)
    throw badRequest(
      'SERVICE_AREA_EFFECTIVE_DATE',
      `生效日期（${effectiveDate}）不能早于该服务区上次变更的生效日期（${row.valid_from}）`,
      [{ field: 'effectiveDate', message: '早于上次变更' }],
    );
}

export async function updateServiceArea(
  ctx: AppContext,
  id: number,
  raw: RawArea & { reason?: string },
  by: ChangeBy,
): Promise<void> {
  const row = await loadVisible(ctx.db, by.actor, id);
  refuseEdit(by.actor, { cityCode: row.city_code, countyCode: row.county_code } as ServiceAreaData);
  const { data, effectiveDate } = checkOrThrow(ctx, raw);
  refuseEdit(by.actor, data);
  checkEffectiveAfter(row, effectiveDate);
  await ctx.db.transaction().execute(async (trx) => {
    const same = await repo.findByIdentity(trx, data);
    if (same && same.id !== id) throw duplicateError(data);
    const now = new Date().toISOString();
    await repo.updateArea(trx, id, {
      ...toFields(data),
      valid_from: effectiveDate,
      updated_at: now,
    });
    await repo.insertHistory(trx, [
      historyRow(id, 'update', data, effectiveDate, now, by.actor.username, raw.reason),
    ]);
    await recordAudit(trx, {
      action: 'serviceArea.update',
      actor: by.actor,
      ip: by.ip,
      targetType: 'service_area',
      targetId: id,
      unitCode: areaUnit(data),
      details: { effectiveDate, changed: changedFields(fromRow(row), data) },
    });
  });
}

function changedFields(before: ServiceAreaData, after: ServiceAreaData): string[] {
  return (Object.keys(after) as Array<keyof ServiceAreaData>).filter((k) => before[k] !== after[k]);
}

export async function deleteServiceArea(
  ctx: AppContext,
  id: number,
  input: { effectiveDate?: string; reason?: string },
  by: ChangeBy,
): Promise<void> {
  const row = await loadVisible(ctx.db, by.actor, id);
  const data = fromRow(row);
  refuseEdit(by.actor, data);
  const checked = checkArea({ effectiveDate: input.effectiveDate }, ctx.orgs, today());
  const dateError = checked.errors.find((e) => e.field === 'effectiveDate');
  if (dateError) throw invalid([dateError]);
  const effectiveDate = checked.effectiveDate ?? today();
  checkEffectiveAfter(row, effectiveDate);
  await ctx.db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    await repo.markDeleted(trx, id, now, effectiveDate);
    await repo.insertHistory(trx, [
      historyRow(id, 'delete', data, effectiveDate, now, by.actor.username, input.reason),
    ]);
    await recordAudit(trx, {
      action: 'serviceArea.delete',
      actor: by.actor,
      ip: by.ip,
      targetType: 'service_area',
      targetId: id,
      unitCode: areaUnit(data),
      details: { name: data.name, effectiveDate, reason: input.reason ?? null },
    });
  });
}

export { identityKey };

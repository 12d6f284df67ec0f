// 12345 hotline tickets: streaming import (one transaction: a bad file changes nothing),
// on-time closure per place × month × category against the ≥98% target, and the public
// disclosure (公示) of complaint statistics.
import type { Readable } from 'node:stream';
import type { Insertable, Kysely } from 'kysely';
import { AppError, badRequest, type ErrorDetail } from '../../common/errors';
import { can, type Actor } from '../../common/policy';
import type { DB, HotlineTicketTable } from '../../db/schema';
import type { OrgDirectory } from '../org-units/org-units.service';
import { recordAudit } from '../audit/audit.service';
import {
  closureRate,
  mapHeader,
  ON_TIME_TARGET,
  parseTicketRow,
  type ClosureCounts,
  type ColumnMap,
} from '../../../../core/satisfaction/hotline';
import { readRows, type HotlineFormat } from './hotline-reader';
import * as repo from './hotline.repository';

const BATCH = 500;
const MAX_REPORTED_ERRORS = 50;

export interface ImportSource {
  stream: Readable;
  fileName: string;
  format: HotlineFormat;
}

export interface ImportBy {
  actor?: Actor | null;
  label?: string;
  ip?: string | null;
}

export interface ImportSummary {
  importId: number;
  rows: number;
  inserted: number;
  updated: number;
}

/** Resolves a city / county cell (GB/T 2260 code or name) to unit codes. */
export class PlaceResolver {
  private readonly cities = new Map<string, string>();
  private readonly counties = new Map<string, string>();
  constructor(orgs: OrgDirectory) {
    for (const u of orgs.all()) {
      if (u.level === 'city') {
        this.cities.set(u.code, u.code).set(u.name, u.code).set(u.name.replace(/市$/, ''), u.code);
      } else if (u.level === 'county' && u.parent_code) {
        this.counties
          .set(`${u.parent_code}|${u.code}`, u.code)
          .set(`${u.parent_code}|${u.name}`, u.code);
      }
    }
  }
  city(cell: string): string | null {
    return this.cities.get(cell) ?? null;
  }
  county(cityCode: string, cell: string | null): string | null {
    return cell ? (this.counties.get(`${cityCode}|${cell}`) ?? null) : null;
  }
}

export async function importTickets(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  source: ImportSource,
  by: ImportBy,
  onProgress?: (rows: number) => void,
): Promise<ImportSummary> {
  const places = new PlaceResolver(orgs);
  const rows = readRows(source.stream, source.format);
  const header = await rows.next();
  if (header.done) throw badRequest('HOTLINE_EMPTY', '文件为空：没有表头和数据');
  const { columns, missing } = mapHeader(header.value.map((c) => String(c ?? '')));
  if (missing.length)
    throw badRequest('HOTLINE_COLUMNS_MISSING', `文件缺少必需的列：${missing.join('、')}`, [
      { row: 1, message: `缺少列：${missing.join('、')}` },
    ]);

  return db.transaction().execute(async (trx) => {
    const importId = await repo.insertImport(trx, {
      file_name: source.fileName,
      rows: 0,
      inserted: 0,
      updated: 0,
      imported_at: new Date().toISOString(),
      imported_by: by.actor?.username ?? by.label ?? 'unknown',
    });
    const state = { rows: 0, inserted: 0, updated: 0, errors: [] as ErrorDetail[], errorCount: 0 };
    let batch = new Map<string, Insertable<HotlineTicketTable>>();
    const flush = async () => {
      if (state.errorCount === 0 && batch.size) {
        const existing = await repo.existingIds(trx, [...batch.keys()]);
        await repo.upsertTickets(trx, [...batch.values()]);
        state.updated += existing.size;
        state.inserted += batch.size - existing.size;
      }
      batch = new Map();
    };
    let line = 1;
    for await (const cells of rows) {
      line++;
      state.rows++;
      const ticket = toTicket(cells, columns, places, importId);
      if ('problem' in ticket) {
        state.errorCount++;
        if (state.errors.length < MAX_REPORTED_ERRORS)
          state.errors.push({ row: line, message: ticket.problem });
        continue;
      }
      batch.set(ticket.row.ticket_id, ticket.row);
      if (batch.size >= BATCH) await flush();
      if (onProgress && state.rows % 10_000 === 0) onProgress(state.rows);
    }
    await flush();
    onProgress?.(state.rows);
    if (state.errorCount)
      throw badRequest(
        'HOTLINE_ROWS_INVALID',
        `有 ${state.errorCount} 行数据有误（第${state.errors[0]!.row}行：${state.errors[0]!.message}），本次导入未写入任何数据`,
        state.errors,
      );
    if (state.rows === 0) throw badRequest('HOTLINE_EMPTY', '文件只有表头，没有工单数据');
    const counts = { rows: state.rows, inserted: state.inserted, updated: state.updated };
    await repo.finishImport(trx, importId, counts);
    await recordAudit(trx, {
      action: 'hotline.import',
      actor: by.actor,
      username: by.actor ? undefined : by.label,
      ip: by.ip,
      targetType: 'hotline_import',
      targetId: importId,
      details: { fileName: source.fileName, ...counts },
    });
    return { importId, ...counts };
  });
}

function toTicket(
  cells: Parameters<typeof parseTicketRow>[0],
  columns: ColumnMap,
  places: PlaceResolver,
  importId: number,
): { row: Insertable<HotlineTicketTable> } | { problem: string } {
  const parsed = parseTicketRow(cells, columns);
  if ('problem' in parsed) return parsed;
  const t = parsed.row;
  const cityCode = places.city(t.city);
  if (!cityCode) return { problem: `未知的地市“${t.city}”` };
  return {
    row: {
      ticket_id: t.ticketId,
      received_at: t.receivedAt,
      due_at: t.dueAt,
      closed_at: t.closedAt,
      month: t.month,
      category: t.category,
      consumer: t.consumer ? 1 : 0,
      city_code: cityCode,
      county_code: places.county(cityCode, t.county),
      status: t.status,
      on_time: t.onTime,
      import_id: importId,
    },
  };
}

export interface ClosureRow extends ReturnType<typeof closureRate> {
  placeCode: string;
  placeName: string;
  month: string;
  category: string;
}

const zero = (): ClosureCounts => ({
  closedOnTime: 0,
  closedLate: 0,
  openOverdue: 0,
  openPending: 0,
});
const add = (a: ClosureCounts, b: ClosureCounts): ClosureCounts => ({
  closedOnTime: a.closedOnTime + b.closedOnTime,
  closedLate: a.closedLate + b.closedLate,
  openOverdue: a.openOverdue + b.openOverdue,
  openPending: a.openPending + b.openPending,
});

function checkMonth(value: string, field: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value))
    throw badRequest('MONTH_INVALID', `月份须形如 2025-07（${field}）`, [
      { field, message: '格式不正确' },
    ]);
  return value;
}

/**
 * On-time closure per place × month × category (all categories, then 消费维权 together),
 * within the actor's scope. `consumer` rows are what the ≥98% target is about.
 */
export async function closureReport(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  actor: Actor,
  query: { from?: string; to?: string; level?: 'city' | 'county' },
) {
  const latest = await repo.latestMonth(db);
  const to = checkMonth(query.to ?? latest ?? new Date().toISOString().slice(0, 7), 'to');
  const from = checkMonth(query.from ?? to, 'from');
  if (from > to)
    throw badRequest('MONTH_RANGE_INVALID', '起始月份不能晚于结束月份', [
      { field: 'from', message: '晚于结束月份' },
    ]);
  const level = query.level ?? 'city';
  const raw = await repo.closureCounts(db, { from, to, level, now: new Date().toISOString() });
  const byCategory: ClosureRow[] = [];
  const consumer = new Map<string, ClosureCounts>();
  for (const r of raw) {
    const placeCode = r.place_code as string;
    if (!can(actor, 'data.read', { unitCode: placeCode })) continue;
    const counts = {
      closedOnTime: Number(r.closed_on_time),
      closedLate: Number(r.closed_late),
      openOverdue: Number(r.open_overdue),
      openPending: Number(r.open_pending),
    };
    const placeName = orgs.get(placeCode)?.name ?? placeCode;
    byCategory.push({
      placeCode,
      placeName,
      month: r.month,
      category: r.category,
      ...closureRate(counts),
    });
    if (r.consumer) {
      const key = `${placeCode}|${r.month}`;
      consumer.set(key, add(consumer.get(key) ?? zero(), counts));
    }
  }
  const consumerRows = [...consumer].map(([key, counts]) => {
    const [placeCode, month] = key.split('|') as [string, string];
    return {
      placeCode,
      placeName: orgs.get(placeCode)?.name ?? placeCode,
      month,
      category: '消费维权',
      ...closureRate(counts),
    };
  });
  const sort = (a: ClosureRow, b: ClosureRow) =>
    a.month.localeCompare(b.month) ||
    a.placeCode.localeCompare(b.placeCode) ||
    a.category.localeCompare(b.category);
  byCategory.sort(sort);
  consumerRows.sort(sort);
  return {
    target: ON_TIME_TARGET,
    from,
    to,
    level,
    consumer: consumerRows,
    belowTarget: consumerRows.filter((r) => r.meetsTarget === false),
    byCategory,
  };
}

/** 公示: the public statistics of consumer complaints per city for one month. No ticket data. */
export async function disclosure(db: Kysely<DB>, orgs: OrgDirectory, month?: string) {
  const latest = await repo.latestMonth(db);
  const m = month ? checkMonth(month, 'month') : latest;
  if (!m) return { month: null, target: ON_TIME_TARGET, cities: [], categories: [] };
  const raw = await repo.closureCounts(db, {
    from: m,
    to: m,
    level: 'city',
    now: new Date().toISOString(),
    consumerOnly: true,
  });
  const cities = new Map<string, ClosureCounts>();
  const categories = new Map<string, number>();
  for (const r of raw) {
    const counts = {
      closedOnTime: Number(r.closed_on_time),
      closedLate: Number(r.closed_late),
      openOverdue: Number(r.open_overdue),
      openPending: Number(r.open_pending),
    };
    cities.set(r.place_code as string, add(cities.get(r.place_code as string) ?? zero(), counts));
    const total = counts.closedOnTime + counts.closedLate + counts.openOverdue + counts.openPending;
    categories.set(r.category, (categories.get(r.category) ?? 0) + total);
  }
  return {
    month: m,
    target: ON_TIME_TARGET,
    cities: [...cities]
      .map(([code, c]) => {
        const rate = closureRate(c);
        return {
          cityCode: code,
          cityName: orgs.get(code)?.name ?? code,
          received: c.closedOnTime + c.closedLate + c.openOverdue + c.openPending,
          closed: c.closedOnTime + c.closedLate,
          closedOnTime: c.closedOnTime,
          onTimeRate: rate.rate,
          meetsTarget: rate.meetsTarget,
        };
      })
      .sort((a, b) => a.cityCode.localeCompare(b.cityCode)),
    categories: [...categories]
      .map(([category, count]) => ({ category, count }))
      .sort((a, b) => b.count - a.count),
  };
}

export function tooLarge(): AppError {
  return new AppError(413, 'HOTLINE_FILE_TOO_LARGE', '文件过大（上限 500 MB），请按月拆分后导入');
}

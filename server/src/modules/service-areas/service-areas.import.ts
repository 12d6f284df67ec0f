// Importing a registry file: every row checked (fields, scope, duplicates in the file and in
// the registry) before anything is written; then all rows in one transaction with one audit
// event — or nothing at all. A dry run does the checks and reports without writing.
import type { AppContext } from '../../context';
import { badRequest } from '../../common/errors';
import { recordAudit } from '../audit/audit.service';
import { readRegistryFile, type FileRow } from './service-areas.file';
import { identityKey, toFields, type AreaField, type ServiceAreaData } from './service-areas.model';
import * as repo from './service-areas.repository';
import { canEdit, historyRow, today, type ChangeBy } from './service-areas.service';
import { checkArea } from './service-areas.validation';

export type ImportMode = 'create' | 'upsert';

export interface ImportInput {
  fileName: string;
  content: Buffer;
  dryRun: boolean;
  /** create: every row is a new area; upsert: rows matching an area (name+road+direction) update it. */
  mode: ImportMode;
}

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  sheet: string;
  rows: number;
  created: number;
  updated: number;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  ignoredColumns: string[];
}

interface Planned {
  data: ServiceAreaData;
  effectiveDate: string;
  existingId: number | null;
}

const MAX_REPORTED = 500;

export async function importRegistry(
  ctx: AppContext,
  input: ImportInput,
  by: ChangeBy,
): Promise<ImportReport> {
  const file = await readRegistryFile(input.fileName, input.content);
  const existing = new Map((await repo.listAreas(ctx.db)).map((r) => [identityKey(r), r]));
  const errors: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const seen = new Map<string, number>();
  const planned: Planned[] = [];
  const day = today();

  for (const row of file.rows) {
    const place = (field: AreaField) => ({
      sheet: row.sheet,
      row: row.row,
      column: row.columns[field] ?? field,
    });
    const checked = checkArea(row.raw, ctx.orgs, day);
    for (const e of checked.errors) errors.push({ ...place(e.field), message: e.message });
    for (const w of checked.warnings) warnings.push({ ...place(w.field), message: w.message });
    const data = checked.data;
    if (!data) continue;
    const problem = (field: AreaField, message: string) =>
      errors.push({ ...place(field), message });
    if (!canEdit(by.actor, data)) {
      problem(
        'cityCode',
        `无权导入本单位辖区以外的服务区（${ctx.orgs.get(data.countyCode ?? data.cityCode)?.name}）`,
      );
      continue;
    }
    const key = identityKey(data);
    const firstRow = seen.get(key);
    if (firstRow !== undefined) {
      problem(
        'name',
        `与第${firstRow}行重复：同名、同道路、同方向的服务区（${data.name}，${data.road}，${data.direction}）`,
      );
      continue;
    }
    seen.set(key, row.row);
    const match = existing.get(key);
    if (match && input.mode === 'create') {
      problem(
        'name',
        `服务区已在台账中：${data.name}（${data.road}，${data.direction}）；如需更新请选择“更新已有服务区”`,
      );
      continue;
    }
    if (match && !canEdit(by.actor, { cityCode: match.city_code, countyCode: match.county_code })) {
      problem('name', `无权修改台账中已有的服务区：${data.name}`);
      continue;
    }
    const effectiveDate = checked.effectiveDate ?? day;
    if (match && effectiveDate < match.valid_from) {
      problem(
        'effectiveDate',
        `生效日期（${effectiveDate}）早于该服务区上次变更的生效日期（${match.valid_from}）`,
      );
      continue;
    }
    planned.push({ data, effectiveDate, existingId: match?.id ?? null });
  }

  const report: ImportReport = {
    dryRun: input.dryRun,
    sheet: file.sheet,
    rows: file.rows.length,
    created: planned.filter((p) => p.existingId === null).length,
    updated: planned.filter((p) => p.existingId !== null).length,
    errors: errors.slice(0, MAX_REPORTED),
    warnings: warnings.slice(0, MAX_REPORTED),
    ignoredColumns: file.ignoredColumns,
  };
  if (file.rows.length === 0 && errors.length === 0)
    throw badRequest('IMPORT_EMPTY', `工作表“${file.sheet}”中没有服务区数据`);
  if (input.dryRun) return report;
  if (errors.length > 0) throw importFailed(errors);
  await writeAll(ctx, planned, input, by);
  return report;
}

function importFailed(errors: ImportProblem[]) {
  const first = errors[0]!;
  return badRequest(
    'IMPORT_INVALID',
    `导入失败，文件有 ${errors.length} 处错误，未导入任何数据。第一处：工作表“${first.sheet}”第${first.row}行 ${first.column}：${first.message}`,
    errors.slice(0, MAX_REPORTED).map((e) => ({
      field: e.column,
      row: e.row,
      message: `工作表“${e.sheet}”第${e.row}行 ${e.column}：${e.message}`,
    })),
  );
}

async function writeAll(ctx: AppContext, planned: Planned[], input: ImportInput, by: ChangeBy) {
  await ctx.db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const history = [];
    for (const p of planned) {
      let id = p.existingId;
      if (id === null) {
        id = await repo.insertArea(trx, {
          ...toFields(p.data),
          valid_from: p.effectiveDate,
          created_at: now,
          updated_at: now,
          deleted_at: null,
        });
      } else {
        await repo.updateArea(trx, id, {
          ...toFields(p.data),
          valid_from: p.effectiveDate,
          updated_at: now,
        });
      }
      const reason = `导入 ${input.fileName}`;
      history.push(
        historyRow(
          id,
          p.existingId === null ? 'create' : 'update',
          p.data,
          p.effectiveDate,
          now,
          by.actor.username,
          reason,
        ),
      );
    }
    await repo.insertHistory(trx, history);
    await recordAudit(trx, {
      action: 'serviceArea.import',
      actor: by.actor,
      ip: by.ip,
      targetType: 'service_area',
      unitCode: by.actor.unitCode,
      details: {
        fileName: input.fileName,
        mode: input.mode,
        created: planned.filter((p) => p.existingId === null).length,
        updated: planned.filter((p) => p.existingId !== null).length,
      },
    });
  });
}

export type { FileRow };

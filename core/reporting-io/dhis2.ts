// DHIS2 `dataValueSets` interchange (JSON and CSV), with codes as identifiers (DHIS2's
// idScheme=CODE): dataElement = our data-element code, orgUnit = our unit code, period in
// DHIS2's ISO format (202507, 2025Q3, 2025). Formats as documented for /api/dataValueSets:
//   JSON {dataSet?, period?, orgUnit?, dataValues:[{dataElement, period, orgUnit,
//         categoryOptionCombo?, attributeOptionCombo?, value, storedBy?, lastUpdated?, comment?,
//         followup?, deleted?}]}
//   CSV  dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupd,comment[,followup,deleted]
// We keep no disaggregations, so only the default category option combo is accepted.
import { stringify } from 'csv-stringify/sync';
import { neutralise, parseNumberText } from './cell-values';
import { parseCsvRecords } from './csv-format';
import type { LocatedValue } from './located-value';
import { fromDhis2Period, toDhis2Period } from './period-codes';
import { ImportProblem } from './problems';

export interface Dhis2Conflict {
  /** The identifier the conflict is about (DHIS2: the object's id or code). */
  object: string;
  /** Chinese explanation with the place. */
  value: string;
  /** 0-based positions of the data values concerned (as in DHIS2 2.37+). */
  indexes: number[];
}

export interface Dhis2Reading {
  values: LocatedValue[];
  /** The data value's 0-based index for each value (for conflicts). */
  indexes: number[];
  conflicts: Dhis2Conflict[];
  total: number;
}

/** Identifiers DHIS2 uses for “no disaggregation”. */
const DEFAULT_COMBOS = new Set(['', 'default', 'HllvX50cXC0', 'bRowv6yZOF2']);

interface RawDataValue {
  dataElement?: unknown;
  period?: unknown;
  orgUnit?: unknown;
  categoryOptionCombo?: unknown;
  attributeOptionCombo?: unknown;
  value?: unknown;
  comment?: unknown;
  deleted?: unknown;
}

const text = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';

export function readDhis2Json(body: unknown): Dhis2Reading {
  if (
    typeof body !== 'object' ||
    body === null ||
    !Array.isArray((body as { dataValues?: unknown }).dataValues)
  )
    throw new ImportProblem('DHIS2_INVALID', '请求体不是 DHIS2 dataValueSet：缺少 dataValues 数组');
  const set = body as RawDataValue & { dataValues: unknown[] };
  const rows = set.dataValues.map((dv): RawDataValue => {
    const v = (typeof dv === 'object' && dv !== null ? dv : {}) as RawDataValue;
    return {
      ...v,
      period: v.period ?? set.period,
      orgUnit: v.orgUnit ?? set.orgUnit,
      attributeOptionCombo: v.attributeOptionCombo ?? set.attributeOptionCombo,
    };
  });
  return readRows(rows, (i) => `dataValues[${i}]`);
}

export function readDhis2Csv(bytes: Uint8Array): Dhis2Reading {
  const records = parseCsvRecords(bytes);
  const hasHeader = records[0]?.[0]?.trim().toLowerCase() === 'dataelement';
  const body = hasHeader ? records.slice(1) : records;
  const firstLine = hasHeader ? 2 : 1;
  const rows = body.map((r): RawDataValue => ({
    dataElement: r[0],
    period: r[1],
    orgUnit: r[2],
    categoryOptionCombo: r[3],
    attributeOptionCombo: r[4],
    value: r[5],
    comment: r[8],
    deleted: r[10],
  }));
  return readRows(rows, (i) => `第 ${i + firstLine} 行`);
}

function readRows(rows: RawDataValue[], where: (i: number) => string): Dhis2Reading {
  const values: LocatedValue[] = [];
  const indexes: number[] = [];
  const conflicts: Dhis2Conflict[] = [];
  rows.forEach((row, i) => {
    const conflict = (object: string, why: string) =>
      conflicts.push({ object, value: `${where(i)}：${why}`, indexes: [i] });
    const dataElement = text(row.dataElement);
    const orgUnit = text(row.orgUnit);
    const rawPeriod = text(row.period);
    if (!dataElement) return conflict('dataElement', '缺少 dataElement');
    if (!orgUnit) return conflict('orgUnit', '缺少 orgUnit');
    if (!rawPeriod) return conflict('period', '缺少 period');
    const period = fromDhis2Period(rawPeriod);
    if (!period)
      return conflict(
        rawPeriod,
        `期间“${rawPeriod}”格式不正确，应为 202507（月）、2025Q3（季）或 2025（年）`,
      );
    for (const combo of [text(row.categoryOptionCombo), text(row.attributeOptionCombo)])
      if (!DEFAULT_COMBOS.has(combo))
        return conflict(combo, `不支持分类选项组合“${combo}”，本平台只接收默认组合（default）`);
    if (row.deleted === true || text(row.deleted).toLowerCase() === 'true')
      return conflict(dataElement, '不支持通过导入删除数据值');
    const number = parseNumberText(text(row.value));
    if (number.kind !== 'number')
      return conflict(
        dataElement,
        number.kind === 'empty' ? '缺少 value' : `value“${text(row.value)}”不是数字`,
      );
    const comment = text(row.comment);
    values.push({
      elementCode: dataElement,
      unitCode: orgUnit,
      period,
      value: number.value,
      ...(comment ? { comment } : {}),
      place: { field: where(i) },
    });
    indexes.push(i);
  });
  return { values, indexes, conflicts, total: rows.length };
}

export interface ImportCount {
  imported: number;
  updated: number;
  ignored: number;
  deleted: number;
}

export interface Dhis2ImportSummary {
  responseType: 'ImportSummary';
  status: 'SUCCESS' | 'WARNING' | 'ERROR';
  description: string;
  importOptions: {
    dryRun: boolean;
    idSchemes: { idScheme: 'CODE' };
    importStrategy: 'CREATE_AND_UPDATE';
    atomicMode: 'ALL';
  };
  importCount: ImportCount;
  conflicts: Dhis2Conflict[];
  dataSetComplete: 'false';
}

/**
 * DHIS2's summary for our all-or-nothing import: with any conflict nothing is stored and every
 * value counts as ignored; otherwise created → imported, changed → updated, same → ignored.
 */
export function importSummary(input: {
  dryRun: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  conflicts: Dhis2Conflict[];
}): Dhis2ImportSummary {
  const failed = input.conflicts.length > 0;
  const importCount: ImportCount = failed
    ? { imported: 0, updated: 0, ignored: input.total, deleted: 0 }
    : { imported: input.created, updated: input.updated, ignored: input.unchanged, deleted: 0 };
  return {
    responseType: 'ImportSummary',
    status: failed ? 'ERROR' : 'SUCCESS',
    description: failed
      ? `导入被拒绝：${input.conflicts.length} 处冲突，未写入任何数据`
      : input.dryRun
        ? '试导入完成（未写入数据）'
        : '导入完成',
    importOptions: {
      dryRun: input.dryRun,
      idSchemes: { idScheme: 'CODE' },
      importStrategy: 'CREATE_AND_UPDATE',
      atomicMode: 'ALL',
    },
    importCount,
    conflicts: input.conflicts,
    dataSetComplete: 'false',
  };
}

export interface Dhis2ExportValue {
  elementCode: string;
  unitCode: string;
  period: string;
  value: number;
  updatedAt: string;
  storedBy?: string | null;
  comment?: string | null;
}

export interface Dhis2DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: 'default';
  attributeOptionCombo: 'default';
  value: string;
  storedBy?: string;
  lastUpdated: string;
  comment?: string;
  followup: false;
}

export function toDhis2Json(values: Dhis2ExportValue[]): { dataValues: Dhis2DataValue[] } {
  return {
    dataValues: values.map((v) => ({
      dataElement: v.elementCode,
      period: toDhis2Period(v.period),
      orgUnit: v.unitCode,
      categoryOptionCombo: 'default',
      attributeOptionCombo: 'default',
      value: String(v.value),
      ...(v.storedBy ? { storedBy: v.storedBy } : {}),
      lastUpdated: v.updatedAt,
      ...(v.comment ? { comment: v.comment } : {}),
      followup: false,
    })),
  };
}

export const DHIS2_CSV_HEADER = [
  'dataelement',
  'period',
  'orgunit',
  'catoptcombo',
  'attroptcombo',
  'value',
  'storedby',
  'lastupdated',
  'comment',
  'followup',
  'deleted',
];

export function toDhis2Csv(values: Dhis2ExportValue[]): string {
  return stringify(
    values.map((v) => [
      v.elementCode,
      toDhis2Period(v.period),
      v.unitCode,
      'default',
      'default',
      String(v.value),
      neutralise(v.storedBy ?? ''),
      v.updatedAt,
      neutralise(v.comment ?? ''),
      'false',
      'false',
    ]),
    { header: true, columns: DHIS2_CSV_HEADER },
  );
}

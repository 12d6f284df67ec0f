// The rules every service area must satisfy, for the API and the import alike: one set of
// checks, one set of Chinese messages naming the field.
import {
  locateCity,
  PLAN_START,
  ROAD_CLASSES,
  SERVICE_AREA_STATUSES,
  type RoadClass,
  type ServiceAreaStatus,
} from '../../../../core/charging';
import type { OrgDirectory } from '../org-units/org-units.service';
import { guangdongCities } from './service-areas.geo';
import {
  FIELD_LABELS,
  ROAD_CLASS_LABELS,
  STATUS_LABELS,
  type AreaField,
  type ServiceAreaData,
} from './service-areas.model';

export interface FieldProblem {
  field: AreaField;
  message: string;
}

export type RawArea = Partial<Record<AreaField, unknown>>;

export interface CheckedArea {
  data: ServiceAreaData | null;
  /** YYYY-MM-DD; null when not given (the caller defaults it to today). */
  effectiveDate: string | null;
  errors: FieldProblem[];
  warnings: FieldProblem[];
}

const ROAD_CLASS_WORDS: Record<string, RoadClass> = {
  expressway: 'expressway',
  高速公路: 'expressway',
  高速: 'expressway',
  national: 'national',
  普通国道: 'national',
  国道: 'national',
  other: 'other',
  其他: 'other',
};

const STATUS_WORDS: Record<string, ServiceAreaStatus> = {
  existing: 'existing',
  已建: 'existing',
  'under-construction': 'under-construction',
  在建: 'under-construction',
  new: 'new',
  新建: 'new',
  upgraded: 'upgraded',
  提升改造: 'upgraded',
  改造: 'upgraded',
};

const MAX_SPACES = 100_000;

/** A cell or JSON value as text (dates as YYYY-MM-DD). */
function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

class Checker {
  readonly errors: FieldProblem[] = [];
  readonly warnings: FieldProblem[] = [];

  fail(field: AreaField, message: string): null {
    this.errors.push({ field, message: `${FIELD_LABELS[field]}：${message}` });
    return null;
  }

  text(raw: RawArea, field: AreaField, opts: { required: boolean; max: number }): string | null {
    const v = raw[field];
    const s = asText(v).trim();
    if (!s) return opts.required ? this.fail(field, '不能为空') : '';
    if (s.length > opts.max) return this.fail(field, `不能超过${opts.max}个字符`);
    return s;
  }

  number(raw: RawArea, field: AreaField, opts: { integer: boolean; max: number }): number | null {
    const v = raw[field];
    if (v === null || v === undefined || (typeof v === 'string' && !v.trim()))
      return this.fail(field, '不能为空');
    const n = typeof v === 'number' ? v : Number(asText(v).trim());
    if (!Number.isFinite(n)) return this.fail(field, `“${asText(v)}”不是数字`);
    if (n < 0) return this.fail(field, `不能为负数（${n}）`);
    if (opts.integer && !Number.isInteger(n)) return this.fail(field, `须为整数（${n}）`);
    if (n > opts.max) return this.fail(field, `数值过大（${n}，上限 ${opts.max}）`);
    return n;
  }

  date(raw: RawArea, field: AreaField, today: string): string | null | undefined {
    const v = raw[field];
    if (v === null || v === undefined || v === '') return undefined;
    const s = asText(v).trim();
    if (!s) return undefined;
    const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
    const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : '';
    const parsed = iso ? new Date(`${iso}T00:00:00Z`) : null;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso)
      return this.fail(field, `“${s}”不是有效日期（格式 YYYY-MM-DD）`);
    if (iso > today) return this.fail(field, `不能晚于今天（${iso}）`);
    return iso;
  }

  code<T extends string>(
    raw: RawArea,
    field: AreaField,
    words: Record<string, T>,
    allowed: readonly T[],
    labels: Record<T, string>,
  ): T | null {
    const s = this.text(raw, field, { required: true, max: 40 });
    if (s === null || s === '') return null;
    const code = words[s] ?? words[s.toLowerCase()];
    if (!code || !allowed.includes(code))
      return this.fail(field, `未知取值“${s}”，应为：${allowed.map((c) => labels[c]).join('、')}`);
    return code;
  }
}

/** A unit given by GB/T 2260 code or by its exact name (梅州市). */
function resolveUnit(orgs: OrgDirectory, value: string) {
  return orgs.get(value) ?? orgs.all().find((u) => u.name === value);
}

export function checkArea(raw: RawArea, orgs: OrgDirectory, today: string): CheckedArea {
  const c = new Checker();
  const name = c.text(raw, 'name', { required: true, max: 100 });
  const road = c.text(raw, 'road', { required: true, max: 100 });
  const direction = c.text(raw, 'direction', { required: true, max: 40 });
  const operator = c.text(raw, 'operator', { required: false, max: 100 }) ?? '';
  const roadClass = c.code(raw, 'roadClass', ROAD_CLASS_WORDS, ROAD_CLASSES, ROAD_CLASS_LABELS);
  const status = c.code(raw, 'status', STATUS_WORDS, SERVICE_AREA_STATUSES, STATUS_LABELS);
  const parkingSpaces = c.number(raw, 'parkingSpaces', { integer: true, max: MAX_SPACES });
  const chargingSpaces = c.number(raw, 'chargingSpaces', { integer: true, max: MAX_SPACES });
  const chargerCount = c.number(raw, 'chargerCount', { integer: true, max: MAX_SPACES });
  const chargerPowerKw = c.number(raw, 'chargerPowerKw', { integer: false, max: 10_000_000 });
  const longitude = c.number(raw, 'longitude', { integer: false, max: 180 });
  const latitude = c.number(raw, 'latitude', { integer: false, max: 90 });
  const statusDate = c.date(raw, 'statusDate', today);
  const effectiveDate = c.date(raw, 'effectiveDate', today);

  if (parkingSpaces !== null && chargingSpaces !== null && chargingSpaces > parkingSpaces)
    c.fail(
      'chargingSpaces',
      `充电车位数（${chargingSpaces}）不能大于小型客车停车位数（${parkingSpaces}）`,
    );

  if ((status === 'new' || status === 'upgraded') && statusDate !== null) {
    if (statusDate === undefined)
      c.fail('statusDate', `状态为“${STATUS_LABELS[status]}”时须填写建成或改造完成日期`);
    else if (statusDate < PLAN_START)
      c.fail(
        'statusDate',
        `“${STATUS_LABELS[status]}”指2023年以来新建或提升改造，日期（${statusDate}）不能早于 ${PLAN_START}`,
      );
  }

  const cityCode = checkCity(c, raw, orgs);
  const countyCode = checkCounty(c, raw, orgs, cityCode);
  if (longitude !== null && latitude !== null)
    checkLocation(c, longitude, latitude, cityCode, orgs);

  const ok = c.errors.length === 0;
  const data: ServiceAreaData | null = ok
    ? {
        name: name!,
        road: road!,
        roadClass: roadClass!,
        direction: direction!,
        cityCode: cityCode!,
        countyCode: countyCode ?? null,
        longitude: longitude!,
        latitude: latitude!,
        parkingSpaces: parkingSpaces!,
        chargingSpaces: chargingSpaces!,
        chargerCount: chargerCount!,
        chargerPowerKw: chargerPowerKw!,
        status: status!,
        statusDate: statusDate ?? null,
        operator,
      }
    : null;
  return { data, effectiveDate: effectiveDate ?? null, errors: c.errors, warnings: c.warnings };
}

function checkCity(c: Checker, raw: RawArea, orgs: OrgDirectory): string | null {
  const value = c.text(raw, 'cityCode', { required: true, max: 40 });
  if (!value) return null;
  const unit = resolveUnit(orgs, value);
  if (!unit || unit.level !== 'city')
    return c.fail(
      'cityCode',
      `未知地市代码“${value}”（应为广东省21个地级以上市之一，如 441400 梅州市）`,
    );
  return unit.code;
}

function checkCounty(
  c: Checker,
  raw: RawArea,
  orgs: OrgDirectory,
  cityCode: string | null,
): string | null | undefined {
  const value = c.text(raw, 'countyCode', { required: false, max: 40 });
  if (!value) return undefined;
  const unit = resolveUnit(orgs, value);
  if (!unit || unit.level !== 'county') return c.fail('countyCode', `未知县区代码“${value}”`);
  if (cityCode && unit.parent_code !== cityCode)
    return c.fail('countyCode', `“${unit.name}”不属于${orgs.get(cityCode)?.name ?? cityCode}`);
  return unit.code;
}

function checkLocation(
  c: Checker,
  longitude: number,
  latitude: number,
  cityCode: string | null,
  orgs: OrgDirectory,
): void {
  const city = locateCity(longitude, latitude, guangdongCities());
  if (!city) {
    c.fail('longitude', `坐标（经度 ${longitude}，纬度 ${latitude}）不在广东省境内`);
    return;
  }
  if (cityCode && city.code !== cityCode)
    c.warnings.push({
      field: 'longitude',
      message: `坐标位于${city.name}，与所填地市“${orgs.get(cityCode)?.name ?? cityCode}”不一致，请核对`,
    });
}

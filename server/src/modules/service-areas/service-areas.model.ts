// A service area as the API and the import see it (camelCase), the Chinese labels of its
// fields and codes, and conversions to the table and to the pure calculations.
import type { ServiceAreaFields } from '../../db/schema';
import type { ChargingArea, RoadClass, ServiceAreaStatus } from '../../../../core/charging';
import type { AreaRow } from './service-areas.repository';

export interface ServiceAreaData {
  name: string;
  road: string;
  roadClass: RoadClass;
  direction: string;
  cityCode: string;
  countyCode: string | null;
  longitude: number;
  latitude: number;
  parkingSpaces: number;
  chargingSpaces: number;
  chargerCount: number;
  chargerPowerKw: number;
  status: ServiceAreaStatus;
  statusDate: string | null;
  operator: string;
}

export type AreaField = keyof ServiceAreaData | 'effectiveDate';

/** Column headings of the import file and the names used in error messages. */
export const FIELD_LABELS: Record<AreaField, string> = {
  name: '服务区名称',
  road: '所在道路',
  roadClass: '道路类型',
  direction: '方向',
  cityCode: '地市',
  countyCode: '县区',
  longitude: '经度',
  latitude: '纬度',
  parkingSpaces: '小型客车停车位',
  chargingSpaces: '充电车位',
  chargerCount: '充电桩数',
  chargerPowerKw: '充电总功率(kW)',
  status: '状态',
  statusDate: '状态日期',
  operator: '运营单位',
  effectiveDate: '生效日期',
};

export const ROAD_CLASS_LABELS: Record<RoadClass, string> = {
  expressway: '高速公路',
  national: '普通国道',
  other: '其他',
};

export const STATUS_LABELS: Record<ServiceAreaStatus, string> = {
  existing: '已建',
  'under-construction': '在建',
  new: '新建',
  upgraded: '提升改造',
};

export function toFields(d: ServiceAreaData): ServiceAreaFields {
  return {
    name: d.name,
    road: d.road,
    road_class: d.roadClass,
    direction: d.direction,
    city_code: d.cityCode,
    county_code: d.countyCode,
    longitude: d.longitude,
    latitude: d.latitude,
    parking_spaces: d.parkingSpaces,
    charging_spaces: d.chargingSpaces,
    charger_count: d.chargerCount,
    charger_power_kw: d.chargerPowerKw,
    status: d.status,
    status_date: d.statusDate,
    operator: d.operator,
  };
}

export function fromFields(r: ServiceAreaFields): ServiceAreaData {
  return {
    name: r.name,
    road: r.road,
    roadClass: r.road_class as RoadClass,
    direction: r.direction,
    cityCode: r.city_code,
    countyCode: r.county_code,
    longitude: Number(r.longitude),
    latitude: Number(r.latitude),
    parkingSpaces: Number(r.parking_spaces),
    chargingSpaces: Number(r.charging_spaces),
    chargerCount: Number(r.charger_count),
    chargerPowerKw: Number(r.charger_power_kw),
    status: r.status as ServiceAreaStatus,
    statusDate: r.status_date,
    operator: r.operator,
  };
}

export function toChargingArea(
  r: Pick<
    ServiceAreaFields,
    | 'name'
    | 'road'
    | 'road_class'
    | 'status'
    | 'status_date'
    | 'city_code'
    | 'county_code'
    | 'parking_spaces'
    | 'charging_spaces'
  >,
): ChargingArea {
  return {
    roadClass: r.road_class as RoadClass,
    status: r.status as ServiceAreaStatus,
    statusDate: r.status_date,
    cityCode: r.city_code,
    countyCode: r.county_code,
    parkingSpaces: Number(r.parking_spaces),
    chargingSpaces: Number(r.charging_spaces),
    site: `${r.name}\u0000${r.road}`,
  };
}

export interface ServiceArea extends ServiceAreaData {
  id: number;
  validFrom: string;
  updatedAt: string;
}

export function fromRow(row: AreaRow): ServiceArea {
  return { id: row.id, ...fromFields(row), validFrom: row.valid_from, updatedAt: row.updated_at };
}

/** The identity a duplicate is judged by. */
export function identityKey(d: Pick<ServiceAreaData, 'name' | 'road' | 'direction'>): string {
  return `${d.name}\u0000${d.road}\u0000${d.direction}`;
}

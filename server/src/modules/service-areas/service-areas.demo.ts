// The demo registry: ~300 service areas on real expressway and national-road numbers across
// the 21 cities, placed inside their city's polygon, with a history since 2023 in which
// charging spaces grow (faster in the Pearl River Delta) and areas are newly built or upgraded.
// Same seed, same registry.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import {
  largestRing,
  locateCity,
  PLAN_START,
  ringCentroid,
  type CityShape,
} from '../../../../core/charging';
import type { OrgDirectory } from '../org-units/org-units.service';
import { recordAudit } from '../audit/audit.service';
import { seededRandom } from '../demo/demo-data';
import { DEMO_ROADS, EXTRA_PLACES } from './service-areas.demo-roads';
import { guangdongCities } from './service-areas.geo';
import { toFields, type ServiceAreaData } from './service-areas.model';
import * as repo from './service-areas.repository';
import { historyRow } from './service-areas.service';

const OPERATORS = [
  '广东交通实业投资有限公司',
  '广东省高速公路有限公司',
  '广东路路通有限公司',
  '南方电网电动汽车服务有限公司',
  '广州交投服务区管理有限公司',
];

export interface DemoArea {
  /** Snapshots in time order; the last is the current state. */
  versions: Array<{ validFrom: string; change: 'create' | 'update'; data: ServiceAreaData }>;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

interface Place {
  name: string;
  countyCode: string | null;
}

/** Service areas are named after the county (or town) they stand in. */
function placeNames(orgs: OrgDirectory, cityCode: string): Place[] {
  const counties = orgs
    .all()
    .filter((u) => u.parent_code === cityCode && u.level === 'county')
    .map((u) => ({ name: u.name.replace(/(自治县|县|区|市)$/, ''), countyCode: u.code }))
    .filter((p) => p.name.length >= 2 && !/^(市辖|城)/.test(p.name));
  const towns = (EXTRA_PLACES[cityCode] ?? []).map((name) => ({ name, countyCode: null }));
  return [...counties, ...towns];
}

function pointIn(city: CityShape, random: () => number): [number, number] {
  const [cx, cy] = ringCentroid(largestRing(city));
  const [minX, minY, maxX, maxY] = city.bbox;
  for (let spread = 0.45; spread > 0.01; spread *= 0.8)
    for (let attempt = 0; attempt < 12; attempt++) {
      const lon = cx + (random() - 0.5) * (maxX - minX) * spread * 2;
      const lat = cy + (random() - 0.5) * (maxY - minY) * spread * 2;
      if (locateCity(lon, lat, [city], 0)) return [round(lon, 5), round(lat, 5)];
    }
  return [round(cx, 5), round(cy, 5)];
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A date between two ISO dates (inclusive), as YYYY-MM-DD. */
function dateBetween(from: string, to: string, random: () => number): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return iso(new Date(a + Math.floor(random() * Math.max(1, (b - a) / 86_400_000)) * 86_400_000));
}

export function generateDemoRegistry(orgs: OrgDirectory, seed: number, now: Date): DemoArea[] {
  const random = seededRandom(seed + 7);
  const today = iso(now);
  const cities = new Map(guangdongCities().map((c) => [c.code, c]));
  const used = new Set<string>();
  const areas: DemoArea[] = [];
  const placeIndex = new Map<string, number>();

  for (const road of DEMO_ROADS) {
    for (const cityCode of road.cities) {
      const city = cities.get(cityCode);
      const places = placeNames(orgs, cityCode);
      if (!city || places.length === 0) continue;
      const region = orgs.get(cityCode)?.region;
      const second = road.roadClass === 'expressway' ? (region === '珠三角' ? 0.75 : 0.5) : 0.3;
      const sites = 1 + (random() < second ? 1 : 0);
      for (let s = 0; s < sites; s++) {
        const i = placeIndex.get(cityCode) ?? Math.floor(random() * places.length);
        placeIndex.set(cityCode, i + 1);
        const place = places[i % places.length]!;
        let name = `${place.name}服务区`;
        if (used.has(`${name}|${road.road}`))
          name = `${place.name}${['东', '西', '南', '北'][s % 4]}服务区`;
        if (used.has(`${name}|${road.road}`)) continue;
        used.add(`${name}|${road.road}`);
        const [lon, lat] = pointIn(city, random);
        const site = {
          name,
          road: road.road,
          roadClass: road.roadClass,
          cityCode,
          countyCode: place.countyCode,
          lon,
          lat,
          region,
        };
        // Both sides of a site share its fate (new, upgraded, when) but not their sizes.
        const fate = { roll: random(), seed: Math.floor(random() * 2 ** 32) };
        for (const direction of road.directions)
          areas.push(demoHistory({ ...site, direction }, random, today, fate));
      }
    }
  }
  return areas;
}

interface Site {
  name: string;
  road: string;
  roadClass: 'expressway' | 'national' | 'other';
  direction: string;
  cityCode: string;
  countyCode: string | null;
  lon: number;
  lat: number;
  region: string | null | undefined;
}

function demoHistory(
  site: Site,
  random: () => number,
  today: string,
  fate: { roll: number; seed: number },
): DemoArea {
  const dates = seededRandom(fate.seed);
  const expressway = site.roadClass === 'expressway';
  const threshold = site.roadClass === 'national' ? 0.1 : 0.15;
  const pace = (site.region === '珠三角' ? 1.0 : 0.78) + (random() - 0.5) * 0.4;
  let parking = expressway ? 60 + Math.floor(random() * 200) : 16 + Math.floor(random() * 50);
  const base: ServiceAreaData = {
    name: site.name,
    road: site.road,
    roadClass: site.roadClass,
    direction: site.direction,
    cityCode: site.cityCode,
    countyCode: site.countyCode,
    longitude: site.lon,
    latitude: site.lat,
    parkingSpaces: parking,
    chargingSpaces: 0,
    chargerCount: 0,
    chargerPowerKw: 0,
    status: 'existing',
    statusDate: null,
    operator: OPERATORS[Math.floor(random() * OPERATORS.length)]!,
  };
  const withCharging = (d: ServiceAreaData, spaces: number): ServiceAreaData => {
    const charging = Math.min(d.parkingSpaces, Math.max(0, spaces));
    const chargers = Math.ceil(charging / 2);
    return {
      ...d,
      chargingSpaces: charging,
      chargerCount: chargers,
      chargerPowerKw: chargers * (expressway ? 120 : 60),
    };
  };
  const roll = fate.roll;
  const versions: DemoArea['versions'] = [];
  // New areas (expressways only): opened since 2023, built to the standard or near it.
  if (expressway && roll < 0.24) {
    const opened = dateBetween('2023-03-01', today, dates);
    versions.push({
      validFrom: opened,
      change: 'create',
      data: withCharging(
        { ...base, status: 'new', statusDate: opened },
        Math.round(parking * (threshold + random() * 0.06 - 0.02)),
      ),
    });
    return { versions };
  }
  if (expressway && roll < 0.29) {
    const started = dateBetween('2025-01-01', today, dates);
    versions.push({
      validFrom: started,
      change: 'create',
      data: withCharging({ ...base, status: 'under-construction', statusDate: started }, 0),
    });
    return { versions };
  }
  // Existing areas: a 2023 starting point of 1–8%, then additions over the years.
  let current = withCharging(base, Math.round(parking * (0.01 + random() * 0.07)));
  versions.push({ validFrom: PLAN_START, change: 'create', data: current });
  const upgrade = expressway && roll < 0.72;
  const steps = 1 + Math.floor(dates() * 3);
  for (let k = 0; k < steps; k++) {
    const date = dateBetween(
      `${2023 + k}-04-01`,
      k === steps - 1 ? today : `${2024 + k}-03-31`,
      dates,
    );
    if (date > today || date <= versions[versions.length - 1]!.validFrom) continue;
    const last = k === steps - 1;
    let data = current;
    if (upgrade && last) {
      parking = Math.round(parking * (1.1 + random() * 0.3));
      data = { ...data, parkingSpaces: parking, status: 'upgraded', statusDate: date };
    }
    const reach =
      threshold * pace * (0.55 + 0.45 * ((k + 1) / steps)) * (upgrade && last ? 1.15 : 1);
    data = withCharging(data, Math.max(current.chargingSpaces, Math.round(parking * reach)));
    versions.push({ validFrom: date, change: 'update', data });
    current = data;
  }
  return { versions };
}

/** Replaces the registry with the demo one (inside the caller's transaction). */
export async function seedServiceAreaDemo(
  trx: Kysely<DB>,
  orgs: OrgDirectory,
  options: { seed: number; now?: Date; label: string },
): Promise<number> {
  const now = options.now ?? new Date();
  const areas = generateDemoRegistry(orgs, options.seed, now);
  const at = now.toISOString();
  await repo.deleteAll(trx);
  const history = [];
  for (const area of areas) {
    const last = area.versions[area.versions.length - 1]!;
    const id = await repo.insertArea(trx, {
      ...toFields(last.data),
      valid_from: last.validFrom,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    });
    for (const v of area.versions)
      history.push(historyRow(id, v.change, v.data, v.validFrom, at, options.label, '演示数据'));
  }
  await repo.insertHistory(trx, history);
  await recordAudit(trx, {
    action: 'serviceArea.demo',
    username: options.label,
    details: { seed: options.seed, areas: areas.length },
  });
  return areas.length;
}

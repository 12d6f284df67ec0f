import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';

interface Unit {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  region: string | null;
}

describe.each(testDialects())('org units on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const unitsFor = async (role: 'supervisor' | 'city' | 'county') => {
    const { cookie } = await t.login(role);
    const res = await t.app.inject({ url: '/api/org-units', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return res.json<{ units: Unit[] }>().units;
  };

  it('holds the province, 21 cities and 122 county-level units with GB/T 2260 codes and regions', async () => {
    const units = await unitsFor('supervisor');
    const cities = units.filter((u) => u.level === 'city');
    const counties = units.filter((u) => u.level === 'county');
    expect(units.filter((u) => u.level === 'province')).toEqual([
      { code: '440000', name: '广东省', level: 'province', parentCode: null, region: null },
    ]);
    expect(cities).toHaveLength(21);
    expect(counties).toHaveLength(122);
    expect(cities.every((c) => /^44\d{2}00$/.test(c.code) && c.parentCode === '440000')).toBe(true);
    const byRegion = (r: string) =>
      cities
        .filter((c) => c.region === r)
        .map((c) => c.name)
        .sort();
    expect(byRegion('珠三角')).toHaveLength(9);
    expect(byRegion('粤东')).toEqual(['汕头市', '汕尾市', '揭阳市', '潮州市'].sort());
    expect(byRegion('粤西')).toEqual(['湛江市', '茂名市', '阳江市'].sort());
    expect(byRegion('粤北')).toEqual(['云浮市', '梅州市', '河源市', '清远市', '韶关市'].sort());
    expect(counties.find((c) => c.code === '441403')).toMatchObject({
      name: '梅县区',
      parentCode: '441400',
      region: '粤北',
    });
    expect(units.some((u) => u.level === 'department' && u.name === '省人力资源社会保障厅')).toBe(
      true,
    );
  });

  it('shows a city only itself and its counties (plus departments and the province)', async () => {
    const units = await unitsFor('city');
    const local = units.filter((u) => u.level === 'city' || u.level === 'county');
    expect(local.map((u) => u.code).sort()).toEqual(
      [
        '441400',
        '441402',
        '441403',
        '441422',
        '441423',
        '441424',
        '441426',
        '441427',
        '441481',
      ].sort(),
    );
  });

  it('shows a county only itself', async () => {
    const units = await unitsFor('county');
    expect(
      units.filter((u) => u.level === 'city' || u.level === 'county').map((u) => u.code),
    ).toEqual(['441403']);
  });

  it('serves the real city boundaries for the map', async () => {
    const res = await t.app.inject({ url: '/api/geo/guangdong' });
    expect(res.statusCode).toBe(200);
    const geo = res.json<{ features: Array<{ id: string; properties: { name: string } }> }>();
    expect(geo.features).toHaveLength(21);
    expect(geo.features.map((f) => f.id).sort()).toEqual(
      (await unitsFor('supervisor'))
        .filter((u) => u.level === 'city')
        .map((u) => u.code)
        .sort(),
    );
  });
});

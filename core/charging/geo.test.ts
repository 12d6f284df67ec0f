import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodeCities, decodeRing, locateCity, pointInRing, type CompressedGeo } from './geo';

const require = createRequire(import.meta.url);
const cities = decodeCities(
  require('echarts-geo/map/json/province/guangdong.json') as CompressedGeo,
);

describe('geo', () => {
  it('decodes ECharts zig-zag deltas', () => {
    // '@@' is a zero delta; 'B@' is +1 in x (zig-zag 2 → 1).
    expect(decodeRing('@@B@', [1024, 2048])).toEqual([
      [1, 2],
      [1 + 1 / 1024, 2],
    ]);
  });

  it('tests points against a square', () => {
    const square: Array<[number, number]> = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ];
    expect(pointInRing(1, 1, square)).toBe(true);
    expect(pointInRing(3, 1, square)).toBe(false);
  });

  it('finds the 21 cities and places well-known points in them', () => {
    expect(cities).toHaveLength(21);
    expect(locateCity(113.2644, 23.1291, cities)?.name).toBe('广州市'); // 广州 city centre
    expect(locateCity(116.1226, 24.2886, cities)?.name).toBe('梅州市'); // 梅州 city centre
    expect(locateCity(110.3594, 21.2707, cities)?.name).toBe('湛江市');
  });

  it('puts points outside Guangdong nowhere', () => {
    expect(locateCity(116.4, 39.9, cities)).toBeNull(); // Beijing
    expect(locateCity(110.3, 20.0, cities)).toBeNull(); // Haikou, across the strait
    expect(locateCity(112.0, 25.5, cities)).toBeNull(); // Hunan, inside the bounding box
  });
});

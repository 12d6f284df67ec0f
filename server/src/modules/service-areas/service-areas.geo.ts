// The city polygons of Guangdong (echarts 4.9's guangdong.json, the same file the map draws),
// decoded once per process for coordinate checks.
import { createRequire } from 'node:module';
import { decodeCities, type CityShape, type CompressedGeo } from '../../../../core/charging';

const require = createRequire(import.meta.url);
let cities: CityShape[] | null = null;

export function guangdongCities(): CityShape[] {
  cities ??= decodeCities(require('echarts-geo/map/json/province/guangdong.json') as CompressedGeo);
  return cities;
}

// Where a point lies: decoding ECharts' compressed GeoJSON (the city boundaries of echarts
// 4.9's guangdong.json) and point-in-polygon tests, so coordinates are checked against the
// real city polygons rather than a rectangle.

export type Ring = Array<[number, number]>;

export interface CityShape {
  code: string;
  name: string;
  /** The city seat, as given by the file. */
  center: [number, number];
  /** Outer rings (holes are ignored: Guangdong's cities have none that matter here). */
  rings: Ring[];
  bbox: [number, number, number, number];
}

interface CompressedFeature {
  id?: string;
  properties: { name: string; cp?: [number, number] };
  geometry: {
    type: 'Polygon' | 'MultiPolygon';
    coordinates: unknown;
    encodeOffsets?: unknown;
  };
}

export interface CompressedGeo {
  UTF8Encoding?: boolean;
  features: CompressedFeature[];
}

/** ECharts' zig-zag delta decoding of one ring (see echarts/src/coord/geo/parseGeoJson). */
export function decodeRing(encoded: string, offset: [number, number], scale = 1024): Ring {
  const ring: Ring = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

function ringsOf(feature: CompressedFeature, compressed: boolean): Ring[] {
  const g = feature.geometry;
  const polygons =
    g.type === 'Polygon' ? [g.coordinates as unknown[]] : (g.coordinates as unknown[][]);
  const offsets =
    g.type === 'Polygon'
      ? [g.encodeOffsets as [number, number][]]
      : (g.encodeOffsets as [number, number][][]);
  // The first ring of each polygon is its outline.
  return polygons.map((polygon, i) => {
    const outer = polygon[0];
    if (!compressed) return outer as Ring;
    return decodeRing(outer as string, offsets[i]![0]!);
  });
}

function bboxOf(rings: Ring[]): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings)
    for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  return [minX, minY, maxX, maxY];
}

export function decodeCities(geo: CompressedGeo): CityShape[] {
  return geo.features.map((f) => {
    const rings = ringsOf(f, geo.UTF8Encoding === true);
    return {
      code: String(f.id ?? ''),
      name: f.properties.name,
      center: f.properties.cp ?? [0, 0],
      rings,
      bbox: bboxOf(rings),
    };
  });
}

export function pointInRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function cityContaining(
  lon: number,
  lat: number,
  cities: readonly CityShape[],
): CityShape | null {
  for (const city of cities) {
    const [minX, minY, maxX, maxY] = city.bbox;
    if (lon < minX || lon > maxX || lat < minY || lat > maxY) continue;
    if (city.rings.some((ring) => pointInRing(lon, lat, ring))) return city;
  }
  return null;
}

const KM_PER_DEGREE = 111.32;

/** Approximate distance in km from a point to a ring's edges (equirectangular, fine at this scale). */
function distanceToRingKm(lon: number, lat: number, ring: Ring): number {
  const kx = KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const ky = KM_PER_DEGREE;
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const ax = (ring[j]![0] - lon) * kx;
    const ay = (ring[j]![1] - lat) * ky;
    const bx = (ring[i]![0] - lon) * kx;
    const by = (ring[i]![1] - lat) * ky;
    const dx = bx - ax;
    const dy = by - ay;
    const len = dx * dx + dy * dy;
    const t = len > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len)) : 0;
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

/**
 * The city a point belongs to: the one containing it, or — for points just off the simplified
 * coastline or a border — the nearest city within `toleranceKm`. null means outside Guangdong.
 */
export function locateCity(
  lon: number,
  lat: number,
  cities: readonly CityShape[],
  toleranceKm = 5,
): CityShape | null {
  const inside = cityContaining(lon, lat, cities);
  if (inside) return inside;
  let nearest: CityShape | null = null;
  let nearestKm = toleranceKm;
  const margin = toleranceKm / 100; // degrees, generous
  for (const city of cities) {
    const [minX, minY, maxX, maxY] = city.bbox;
    if (lon < minX - margin || lon > maxX + margin || lat < minY - margin || lat > maxY + margin)
      continue;
    for (const ring of city.rings) {
      const km = distanceToRingKm(lon, lat, ring);
      if (km <= nearestKm) {
        nearest = city;
        nearestKm = km;
      }
    }
  }
  return nearest;
}

/** Area-weighted centroid of a city's largest ring: a point well inside most city shapes. */
export function ringCentroid(ring: Ring): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    const f = xj * yi - xi * yj;
    a += f;
    cx += (xj + xi) * f;
    cy += (yj + yi) * f;
  }
  return a === 0 ? ring[0]! : [cx / (3 * a), cy / (3 * a)];
}

export function largestRing(city: CityShape): Ring {
  const area = (r: Ring) => {
    let s = 0;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++)
      s += r[j]![0] * r[i]![1] - r[i]![0] * r[j]![1];
    return Math.abs(s / 2);
  };
  return city.rings.reduce((best, r) => (area(r) > area(best) ? r : best), city.rings[0]!);
}

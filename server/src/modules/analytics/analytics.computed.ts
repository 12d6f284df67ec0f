// Targets measured by another module's registry (`measure.computed`), e.g. service areas.
// Providers are evaluated at each year end and at the date asked, so trend and forecast work
// as for reported data. Registry answers are kept for a few seconds per (measure, unit, date).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SeriesPoint, StatusSeries } from '../../../../core/status';
import { serviceAreaMeasures } from '../service-areas/service-areas.measures';

type Provider = (
  db: Kysely<DB>,
  q: { unitCode: string; at: string },
) => Promise<{ value: number | null; numerator?: number; denominator?: number }>;

const providers: Record<string, Provider> = { ...serviceAreaMeasures };

// The registry has no change counter we could read, so its answers are reused for a while
// and refreshed in the background once stale (the request that notices gets the old answer).
const TTL_MS = 30_000;
type Answer = Awaited<ReturnType<Provider>>;
const cache = new Map<string, { at: number; value: Answer; refreshing?: boolean }>();

export function hasProvider(key: string): boolean {
  return key in providers;
}

async function measure(db: Kysely<DB>, key: string, unitCode: string, at: string): Promise<Answer> {
  const cacheKey = `${key}|${unitCode}|${at}`;
  const hit = cache.get(cacheKey);
  const fetch = async () => {
    const value = await providers[key]!(db, { unitCode, at });
    cache.set(cacheKey, { at: Date.now(), value });
    return value;
  };
  if (!hit) return fetch();
  if (Date.now() - hit.at >= TTL_MS && !hit.refreshing) {
    hit.refreshing = true;
    fetch().catch(() => (hit.refreshing = false));
  }
  return hit.value;
}

export async function computedSeries(
  db: Kysely<DB>,
  key: string,
  unitCode: string,
  planStart: string,
  asOf: string,
): Promise<StatusSeries> {
  const dates: Array<{ period: string; at: string }> = [];
  for (let y = Number(planStart.slice(0, 4)); `${y}-12-31` < asOf; y += 1)
    dates.push({ period: String(y), at: `${y}-12-31` });
  const monthEnd = lastMonthEnd(asOf);
  if (!dates.some((d) => d.at === monthEnd.at)) dates.push(monthEnd);
  const points: SeriesPoint[] = [];
  let ratio = false;
  const answers = await Promise.all(dates.map((d) => measure(db, key, unitCode, d.at)));
  for (const [i, d] of dates.entries()) {
    const r = answers[i]!;
    if (r.value === null) continue;
    if (r.denominator !== undefined) {
      ratio = true;
      points.push({ period: d.period, value: r.numerator ?? 0, denominator: r.denominator });
    } else points.push({ period: d.period, value: r.value });
  }
  return { aggregation: 'stock', magnitude: 1, ...(ratio ? { scale: 100 } : {}), points };
}

/** The last complete month up to a date, as a period and its last day. */
function lastMonthEnd(asOf: string): { period: string; at: string } {
  const d = new Date(`${asOf}T00:00:00Z`);
  const tomorrow = new Date(d.getTime() + 86_400_000);
  const end =
    tomorrow.getUTCDate() === 1 ? d : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0));
  const iso = end.toISOString().slice(0, 10);
  return { period: iso.slice(0, 7), at: iso };
}

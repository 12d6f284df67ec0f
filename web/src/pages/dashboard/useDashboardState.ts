// The dashboard's state lives in the URL (?unit=&target=&period=&submitted=1&metric=), so a
// drill-down can be bookmarked, shared and navigated back.
import { useSearchParams } from 'react-router';
import type { AnalyticsParams } from '../../api/analytics';
import type { MapMetric } from './options';

export function useDashboardState(defaultUnit: string) {
  const [search, setSearch] = useSearchParams();
  const unit = search.get('unit') ?? defaultUnit;
  const period = search.get('period') ?? undefined;
  const includeSubmitted = search.get('submitted') === '1';
  const target = search.get('target') ?? undefined;
  const metric: MapMetric = search.get('metric') === 'value' ? 'value' : 'achievement';
  const params: AnalyticsParams = { unit, period, includeSubmitted };
  const set = (changes: Record<string, string | null>) =>
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null || v === '') next.delete(k);
        else next.set(k, v);
      }
      return next;
    });
  return { unit, period, includeSubmitted, target, metric, params, set };
}

/** Period choices: the latest data, each plan year so far, the last twelve months. */
export function periodOptions(planStartYear: number, now = new Date()): string[] {
  const year = now.getUTCFullYear();
  const years = [];
  for (let y = year; y >= planStartYear; y -= 1) years.push(String(y));
  const months = [];
  for (let i = 1; i <= 12; i += 1) {
    const d = new Date(Date.UTC(year, now.getUTCMonth() - i, 1));
    if (d.getUTCFullYear() >= planStartYear) months.push(d.toISOString().slice(0, 7));
  }
  return [...years, ...months];
}

// 业务分析 / 情况展示: target status at a unit and date, trend lines, units for the map and
// rankings, regional gaps, the cities' composite, publishing, and the xlsx export.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { CitiesResponse } from '../../../server/src/modules/analytics/analytics.schema';
import { ApiError, apiGet, apiRequest, errorMessage } from './client';

export type TargetStatusKey = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';
export const STATUS_ORDER: TargetStatusKey[] = [
  'achieved',
  'on_track',
  'at_risk',
  'off_track',
  'no_data',
];
export { STATUS_COLOURS } from '../pages/dashboard/format';

export type StatusCounts = Record<TargetStatusKey, number>;

export interface AreaUnit {
  code: string;
  name: string;
  level: string;
  region: string | null;
}

export interface TargetRow {
  code: string;
  domainCode: string;
  taskNumber: number | null;
  indicator: string;
  text: string;
  comparator: string;
  target: number;
  band: number | null;
  unit: string;
  kind: string;
  deadline: string;
  status: TargetStatusKey;
  value: number | null;
  through: string | null;
  expected: number | null;
  progress: number | null;
  forecast: number | null;
  forecastYear: number | null;
  achievement: number | null;
  targetBasis: 'plan' | 'allocation' | 'share';
  provisional: boolean;
  reason: string;
}

export interface AnalyticsParams {
  unit?: string;
  period?: string;
  includeSubmitted?: boolean;
}

/** The plan revision in force at asOf (动态调整), whose targets the figures are judged by. */
export interface PlanRevisionRef {
  number: number;
  effectiveFrom: string;
}

/** One target across plan revisions: where its value or deadline moved. */
export interface TargetHistoryEntry {
  revision: number;
  effectiveFrom: string;
  reason: string;
  present: boolean;
  value: number | null;
  deadline: string | null;
  unit: string | null;
  comparator: string | null;
}

export interface Overview {
  asOf: string;
  includeSubmitted: boolean;
  planRevision?: PlanRevisionRef;
  unit: AreaUnit;
  counts: StatusCounts;
  domains: Array<{
    code: string;
    number: number;
    name: string;
    counts: StatusCounts;
    targets: TargetRow[];
  }>;
  offTrack: TargetRow[];
}

export interface ChartPoint {
  date: string;
  value: number;
  provisional?: boolean;
}

export interface TargetDetail {
  asOf: string;
  unit: AreaUnit;
  target: TargetRow;
  trend: { actual: ChartPoint[]; trajectory: ChartPoint[]; forecast: ChartPoint[] };
  planRevision?: PlanRevisionRef;
  history?: TargetHistoryEntry[];
}

export interface UnitRow {
  unitCode: string;
  unitName: string;
  level: string;
  region: string | null;
  rank: number | null;
  status: TargetStatusKey;
  target: number;
  targetBasis: TargetRow['targetBasis'];
  value: number | null;
  through: string | null;
  progress: number | null;
  achievement: number | null;
  provisional: boolean;
  reason: string;
}

export interface TargetUnits {
  asOf: string;
  parent: AreaUnit;
  target: TargetRow;
  units: UnitRow[];
}

export interface RegionYear {
  year: number;
  date: string;
  regions: Record<string, number | null>;
  gap: number | null;
  highest: string | null;
  lowest: string | null;
  cities: number;
  cv: number | null;
  theil: number | null;
}

export interface TargetRegions {
  asOf: string;
  target: { code: string; indicator: string; unit: string; text: string };
  regions: string[];
  dispersionOf: 'value' | 'progress';
  years: RegionYear[];
}

/** The cities' composite as the server defines it. */
export type Cities = Static<typeof CitiesResponse>;
export type CityComposite = Cities['cities'][number];

function query(params: AnalyticsParams): string {
  const search = new URLSearchParams();
  if (params.unit) search.set('unit', params.unit);
  if (params.period) search.set('period', params.period);
  if (params.includeSubmitted) search.set('includeSubmitted', 'true');
  const text = search.toString();
  return text ? `?${text}` : '';
}

// Data can change with any approval: refetch on focus and every minute, keep old data shown.
const live = { staleTime: 0, refetchInterval: 60_000, placeholderData: keepPreviousData } as const;

export function useOverview(params: AnalyticsParams) {
  return useQuery({
    queryKey: ['analytics', 'overview', params],
    queryFn: ({ signal }) => apiGet<Overview>(`/api/analytics/overview${query(params)}`, signal),
    ...live,
  });
}

export function useTargetDetail(code: string | undefined, params: AnalyticsParams) {
  return useQuery({
    queryKey: ['analytics', 'target', code, params],
    queryFn: ({ signal }) =>
      apiGet<TargetDetail>(`/api/analytics/targets/${code!}${query(params)}`, signal),
    enabled: Boolean(code),
    ...live,
  });
}

export function useTargetUnits(code: string | undefined, params: AnalyticsParams) {
  return useQuery({
    queryKey: ['analytics', 'units', code, params],
    queryFn: ({ signal }) =>
      apiGet<TargetUnits>(`/api/analytics/targets/${code!}/units${query(params)}`, signal),
    enabled: Boolean(code),
    ...live,
  });
}

export function useTargetRegions(code: string | undefined, params: AnalyticsParams) {
  return useQuery({
    queryKey: ['analytics', 'regions', code, params],
    queryFn: ({ signal }) =>
      apiGet<TargetRegions>(`/api/analytics/targets/${code!}/regions${query(params)}`, signal),
    enabled: Boolean(code),
    ...live,
  });
}

export function useCities(params: AnalyticsParams) {
  return useQuery({
    queryKey: ['analytics', 'cities', params],
    queryFn: ({ signal }) => apiGet<Cities>(`/api/analytics/cities${query(params)}`, signal),
    ...live,
  });
}

export function usePublished(enabled: boolean) {
  return useQuery({
    queryKey: ['analytics', 'published'],
    queryFn: ({ signal }) =>
      apiGet<{ targets: Array<{ code: string; publishedAt: string; publishedBy: string }> }>(
        '/api/analytics/published',
        signal,
      ),
    enabled,
  });
}

export function useSetPublished() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, published }: { code: string; published: boolean }) =>
      apiRequest<void>(`/api/analytics/published/${code}`, {
        method: published ? 'PUT' : 'DELETE',
      }),
    onSettled: () => client.invalidateQueries({ queryKey: ['analytics', 'published'] }),
  });
}

export interface ExportTable {
  title: string;
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

/**
 * Asks the server for the table as .xlsx and saves it. A file answer does not suit
 * apiRequest (JSON), so the caller passes the session's CSRF token.
 */
export async function downloadXlsx(
  table: ExportTable,
  csrfToken: string | undefined,
): Promise<void> {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (csrfToken) headers.set('x-csrf-token', csrfToken);
  const response = await fetch('/api/analytics/export', {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: JSON.stringify(table),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new ApiError(response.status, 'EXPORT_FAILED', body?.message ?? errorMessage(null));
  }
  saveBlob(await response.blob(), `${table.title}.xlsx`);
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

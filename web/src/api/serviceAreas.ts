// Service areas (tasks 20 and 21): the registry, compliance, the gap plan and the import.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, apiRequest } from './client';
// Shapes the server defines; type-only imports, erased from the bundle.
import type { RoadClass, ServiceAreaStatus } from '../../../core/charging';
import type { ServiceAreaData } from '../../../server/src/modules/service-areas/service-areas.model';
import type {
  ImportProblem,
  ImportReport,
} from '../../../server/src/modules/service-areas/service-areas.import';

export type { ImportProblem, ImportReport, RoadClass };
export type AreaStatus = ServiceAreaStatus;
export type Spread = 'even' | 'front-loaded';

export type AreaFields = ServiceAreaData;

export interface Compliance {
  thresholdPercent: number | null;
  ratioPercent: number | null;
  required: number | null;
  gap: number;
  compliant: boolean | null;
}

export interface ServiceArea extends AreaFields, Compliance {
  id: number;
  cityName: string;
  countyName: string | null;
  validFrom: string;
  updatedAt: string;
  editable: boolean;
}

export interface ClassSummary {
  roadClass: 'expressway' | 'national';
  thresholdPercent: number;
  areas: number;
  parkingSpaces: number;
  chargingSpaces: number;
  ratioPercent: number | null;
  assessed: number;
  compliant: number;
  compliantSharePercent: number | null;
  gap: number;
  aggregateGap: number;
}

export interface GroupSummary {
  expressway: ClassSummary;
  national: ClassSummary;
  gap: number;
}

export interface CitySummary extends GroupSummary {
  cityCode: string;
  cityName: string;
  newOrUpgraded: number;
}

export interface ComplianceReport {
  at: string;
  thresholds: { expressway: number; national: number };
  areas: number;
  province: GroupSummary | null;
  cities: CitySummary[];
  newOrUpgraded: { count: number; target: number };
  fixFirst: Array<AreaFields & Compliance & { id: number; cityName: string }>;
}

export interface GapPlanParams {
  expressway: number;
  national: number;
  fromYear: number;
  toYear: number;
  spread: Spread;
}

export interface GapPlan {
  years: number[];
  rows: Array<{
    key: string;
    cityName: string;
    gap: number;
    expresswayGap: number;
    nationalGap: number;
    perYear: number[];
  }>;
  totals: number[];
  total: number;
}

export interface HistoryItem {
  id: number;
  change: 'create' | 'update' | 'delete';
  validFrom: string;
  recordedAt: string;
  recordedBy: string;
  reason: string | null;
  parkingSpaces: number;
  chargingSpaces: number;
  chargerCount: number;
  status: AreaStatus;
  statusDate: string | null;
}

export type AreaInput = AreaFields & { effectiveDate?: string; reason?: string };

const keys = {
  all: ['service-areas'] as const,
  list: ['service-areas', 'list'] as const,
  compliance: (at: string | null) => ['service-areas', 'compliance', at] as const,
  plan: (p: GapPlanParams) => ['service-areas', 'gap-plan', p] as const,
  detail: (id: number) => ['service-areas', 'detail', id] as const,
};

export function useServiceAreas() {
  return useQuery({
    queryKey: keys.list,
    queryFn: ({ signal }) => apiGet<{ items: ServiceArea[] }>('/api/service-areas', signal),
    select: (r) => r.items,
  });
}

export function useCompliance(at: string | null = null) {
  return useQuery({
    queryKey: keys.compliance(at),
    queryFn: ({ signal }) =>
      apiGet<ComplianceReport>(`/api/service-areas/compliance${at ? `?at=${at}` : ''}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function gapPlanQueryString(p: GapPlanParams): string {
  return new URLSearchParams({
    expressway: String(p.expressway),
    national: String(p.national),
    fromYear: String(p.fromYear),
    toYear: String(p.toYear),
    spread: p.spread,
  }).toString();
}

export function useGapPlan(params: GapPlanParams) {
  return useQuery({
    queryKey: keys.plan(params),
    queryFn: ({ signal }) =>
      apiGet<GapPlan>(`/api/service-areas/gap-plan?${gapPlanQueryString(params)}`, signal),
    placeholderData: keepPreviousData,
  });
}

export const gapPlanXlsxUrl = (p: GapPlanParams) =>
  `/api/service-areas/gap-plan.xlsx?${gapPlanQueryString(p)}`;

export function useServiceAreaDetail(id: number | null) {
  return useQuery({
    queryKey: keys.detail(id ?? 0),
    queryFn: ({ signal }) =>
      apiGet<{ area: AreaFields & { id: number; validFrom: string }; history: HistoryItem[] }>(
        `/api/service-areas/${id}`,
        signal,
      ),
    enabled: id !== null,
  });
}

function useInvalidating<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useSaveServiceArea() {
  return useInvalidating(
    async ({ id, input }: { id: number | null; input: AreaInput }): Promise<void> => {
      if (id === null) await apiPost<{ id: number }>('/api/service-areas', input);
      else await apiRequest<void>(`/api/service-areas/${id}`, { method: 'PUT', body: input });
    },
  );
}

export function useDeleteServiceArea() {
  return useInvalidating(({ id, reason }: { id: number; reason?: string }) =>
    apiRequest<void>(`/api/service-areas/${id}`, { method: 'DELETE', body: { reason } }),
  );
}

export interface ImportRequest {
  fileName: string;
  contentBase64: string;
  dryRun: boolean;
  mode: 'create' | 'upsert';
}

export function useImportServiceAreas() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportRequest) => apiPost<ImportReport>('/api/service-areas/import', body),
    onSuccess: (report) => {
      if (!report.dryRun) void client.invalidateQueries({ queryKey: keys.all });
    },
  });
}

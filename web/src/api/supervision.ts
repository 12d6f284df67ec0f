// 督办: supervision items and the board, issuing, replying with evidence, 销号/退回, the rule
// settings, and inspections (暗访督查) with their rectification items.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, NETWORK_ERROR_CODE, apiGet, apiPost, apiRequest } from './client';
// Shapes the server defines; type-only imports, erased from the bundle.
import type {
  BoardDto,
  EventDto,
  InspectionDto,
  IssueInput,
  ItemDto,
  RuleDto,
} from '../../../server/src/modules/supervision/supervision.schema';
import type { SupervisionLevel, SupervisionStatus } from '../../../core/tasking/supervision';

export type SupervisionItem = ItemDto;
export type SupervisionEvent = EventDto;
export type Board = BoardDto;
export type Inspection = InspectionDto;
export type Rule = RuleDto;
export type { IssueInput, SupervisionLevel, SupervisionStatus };

export interface ItemFilter {
  status?: SupervisionStatus;
  level?: SupervisionLevel;
  kind?: 'supervision' | 'rectification';
  overdue?: boolean;
}

const KEY = 'supervision';

export const useBoard = () =>
  useQuery({
    queryKey: [KEY, 'board'],
    queryFn: ({ signal }) => apiGet<Board>('/api/supervision/board', signal),
  });

export const useItems = (filter: ItemFilter) =>
  useQuery({
    queryKey: [KEY, 'items', filter],
    queryFn: ({ signal }) => {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(filter))
        if (v !== undefined && v !== '') q.set(k, String(v));
      return apiGet<{ items: SupervisionItem[] }>(`/api/supervision/items?${q}`, signal);
    },
    select: (r) => r.items,
  });

export interface ItemDetail {
  item: SupervisionItem;
  events: SupervisionEvent[];
}

export const useItem = (id: number | null) =>
  useQuery({
    queryKey: [KEY, 'item', id],
    enabled: id !== null,
    queryFn: ({ signal }) => apiGet<ItemDetail>(`/api/supervision/items/${id}`, signal),
  });

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [KEY] });
}

export function useIssue() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: IssueInput) => apiPost<ItemDetail>('/api/supervision/items', input),
    onSuccess: invalidate,
  });
}

export function useDecide() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (
      d: { id: number; action: 'accept' } | { id: number; action: 'return'; reason: string },
    ) =>
      apiPost<ItemDetail>(
        `/api/supervision/items/${d.id}/${d.action}`,
        d.action === 'return' ? { reason: d.reason } : {},
      ),
    onSuccess: invalidate,
  });
}

/** Posts a multipart form; the server's Chinese message (and the fields it names) on failure. */
async function postForm<T>(url: string, body: FormData): Promise<T> {
  const me = await apiGet<{ csrfToken: string }>('/api/auth/me');
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-csrf-token': me.csrfToken },
      body,
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR_CODE, '网络连接失败，请稍后重试');
  }
  const json = (await response.json().catch(() => ({}))) as {
    code?: string;
    message?: string;
    details?: Array<{ field?: string; message: string }>;
  };
  if (!response.ok) {
    const fields = (json.details ?? [])
      .filter((d) => d.field)
      .map((d) => `${d.field}：${d.message}`);
    const message = [json.message ?? `HTTP ${response.status}`, ...fields.slice(0, 3)].join('；');
    throw new ApiError(response.status, json.code ?? `HTTP_${response.status}`, message);
  }
  return json as T;
}

export function useReply() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (r: { id: number; text: string; files: File[] }) => {
      const body = new FormData();
      body.append('text', r.text);
      for (const f of r.files) body.append('files', f, f.name);
      return postForm<ItemDetail>(`/api/supervision/items/${r.id}/replies`, body);
    },
    onSuccess: invalidate,
  });
}

export const useRules = () =>
  useQuery({
    queryKey: [KEY, 'rules'],
    queryFn: ({ signal }) => apiGet<{ rules: Rule[] }>('/api/supervision/rules', signal),
    select: (r) => r.rules,
  });

export function useSaveRules() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (rules: Array<Pick<Rule, 'code' | 'enabled' | 'params'>>) =>
      apiRequest<{ rules: Rule[] }>('/api/supervision/rules', { method: 'PUT', body: { rules } }),
    onSuccess: invalidate,
  });
}

export function useRunRules() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => apiPost<{ raised: number; escalated: number }>('/api/supervision/rules/run'),
    onSuccess: invalidate,
  });
}

export const useInspections = () =>
  useQuery({
    queryKey: [KEY, 'inspections'],
    queryFn: ({ signal }) => apiGet<{ inspections: Inspection[] }>('/api/inspections', signal),
    select: (r) => r.inspections,
  });

export interface FindingInput {
  text: string;
  ownerUnitCode: string;
  deadline: string;
  level?: SupervisionLevel;
}

export interface InspectionInput {
  place: string;
  cityCode: string;
  countyCode?: string;
  visitedOn: string;
  inspectors: string;
  summary: string;
  domainCode?: string;
  findings: FindingInput[];
  photos: File[];
}

export function useRecordInspection() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (i: InspectionInput) => {
      const body = new FormData();
      const { findings, photos, ...fields } = i;
      for (const [k, v] of Object.entries(fields)) if (v) body.append(k, v);
      body.append('findings', JSON.stringify(findings));
      for (const f of photos) body.append('files', f, f.name);
      return postForm<Inspection>('/api/inspections', body);
    },
    onSuccess: invalidate,
  });
}

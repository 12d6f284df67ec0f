// 工作任务台账: the scoped list, one item's detail, create/edit, progress reports with evidence
// (multipart), the proposed status, and the Excel export and import (raw xlsx body).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, ApiError } from './client';
// Shapes the server defines; type-only imports, erased from the bundle.
import type {
  DetailResponse,
  ImportReport,
  ItemView,
  ListResponse,
  ProposalResponse,
  ReportResponse,
  ReportView,
  CreateBody,
} from '../../../server/src/modules/ledgers/ledgers.schema';
import type { LedgerStatus } from '../../../core/tasking/ledger-status';

export type {
  DetailResponse,
  ImportReport,
  ItemView,
  ListResponse,
  ProposalResponse,
  ReportResponse,
  ReportView,
  LedgerStatus,
};
export type LedgerInput = CreateBody;

export const LEDGER_STATUS_ORDER: LedgerStatus[] = [
  'not_started',
  'on_track',
  'at_risk',
  'delayed',
  'done',
];

export interface LedgerFilter {
  domain?: string;
  task?: number;
  city?: string;
  status?: LedgerStatus;
}

/** An error with the server's placed details (field, row), for forms and uploads. */
export class DetailedApiError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details: Array<{ field?: string; row?: number; message: string }> = [],
  ) {
    super(status, code, message);
  }
}

const keys = {
  all: ['ledgers'] as const,
  list: (f: LedgerFilter) => ['ledgers', 'list', f] as const,
  detail: (id: number) => ['ledgers', 'detail', id] as const,
  proposal: (id: number, percent: number, milestoneId: number | null) =>
    ['ledgers', 'proposal', id, percent, milestoneId] as const,
};

const query = (f: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export function useLedgers(f: LedgerFilter) {
  return useQuery({
    queryKey: keys.list(f),
    queryFn: ({ signal }) => apiGet<ListResponse>(`/api/ledgers${query({ ...f })}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useLedger(id: number | null) {
  return useQuery({
    queryKey: keys.detail(id ?? 0),
    queryFn: ({ signal }) => apiGet<DetailResponse>(`/api/ledgers/${id}`, signal),
    enabled: id !== null,
  });
}

export function useProposal(id: number, percentDone: number | null, milestoneId: number | null) {
  return useQuery({
    queryKey: keys.proposal(id, percentDone ?? -1, milestoneId),
    queryFn: ({ signal }) =>
      apiGet<ProposalResponse>(
        `/api/ledgers/${id}/proposal${query({ percentDone: percentDone ?? 0, milestoneId: milestoneId ?? undefined })}`,
        signal,
      ),
    enabled: percentDone !== null && percentDone >= 0 && percentDone <= 100,
    placeholderData: keepPreviousData,
  });
}

export const exportUrl = (f: { task?: number; domain?: string }) =>
  `/api/ledgers/export.xlsx${query({ ...f })}`;

function useInvalidating<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

/** What a save answers: the new item's id and code (POST) or its next version (PUT). */
export type SaveResult = { id: number; code: string } | { version: number };

/** Creates (id null) or edits an item; errors keep the server's field details (400) and status (409). */
export function useSaveLedger() {
  return useInvalidating(
    ({ id, input, version }: { id: number | null; input: LedgerInput; version?: number }) =>
      id === null
        ? send<SaveResult>('/api/ledgers', JSON.stringify(input), 'application/json')
        : send<SaveResult>(
            `/api/ledgers/${id}`,
            JSON.stringify({ ...input, version }),
            'application/json',
            'PUT',
          ),
  );
}

/** Sends a body with the session's CSRF token; errors keep their details. */
async function send<T>(
  url: string,
  body: BodyInit,
  contentType?: string,
  method: 'POST' | 'PUT' = 'POST',
): Promise<T> {
  const me = await apiGet<{ csrfToken: string }>('/api/auth/me');
  const headers: Record<string, string> = {
    'x-csrf-token': me.csrfToken,
    accept: 'application/json',
  };
  if (contentType) headers['content-type'] = contentType;
  const response = await fetch(url, { method, credentials: 'same-origin', headers, body });
  const json = (await response.json().catch(() => ({}))) as {
    code?: string;
    message?: string;
    details?: Array<{ field?: string; row?: number; message: string }>;
  };
  if (!response.ok)
    throw new DetailedApiError(
      response.status,
      json.code ?? `HTTP_${response.status}`,
      json.message ?? `HTTP ${response.status}`,
      json.details,
    );
  return json as T;
}

export interface ProgressInput {
  percentDone: number;
  text: string;
  milestoneId?: number | null;
  milestoneDone?: boolean;
  status?: LedgerStatus | null;
  overrideReason?: string | null;
  version?: number;
  files: File[];
}

export function useReportProgress(id: number) {
  return useInvalidating((input: ProgressInput) => {
    const form = new FormData();
    form.append('percentDone', String(input.percentDone));
    form.append('text', input.text);
    if (input.milestoneId) form.append('milestoneId', String(input.milestoneId));
    if (input.milestoneDone) form.append('milestoneDone', 'true');
    if (input.status) form.append('status', input.status);
    if (input.overrideReason) form.append('overrideReason', input.overrideReason);
    if (input.version) form.append('version', String(input.version));
    for (const f of input.files) form.append('files', f, f.name);
    return send<ReportResponse>(`/api/ledgers/${id}/progress`, form);
  });
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function useImportLedgers() {
  return useInvalidating(({ file, dryRun }: { file: File; dryRun: boolean }) =>
    send<ImportReport>(`/api/ledgers/import?dryRun=${dryRun}`, file, XLSX_TYPE),
  );
}

// 数据报送: forms, the entry grid, saving and submitting, the reviewer's inbox (reporting core
// API), and the Excel template / upload with its dry-run summary (reporting-io API).
import { useQuery } from '@tanstack/react-query';
import i18n from '../i18n';
import { ApiError, apiGet } from './client';

export type PeriodType = 'month' | 'quarter' | 'year';
export type SubmissionState = 'draft' | 'submitted' | 'approved' | 'returned';

export interface FormElement {
  code: string;
  name: string;
  unit: string;
  valueType: string;
}

export interface ReportForm {
  code: string;
  name: string;
  domainCode: string | null;
  periodType: PeriodType;
  reporterLevel: 'county' | 'city' | 'department';
  dueDays: number;
  expiryDays: number;
  active: boolean;
  elements: FormElement[];
}

export interface Issue {
  severity: string;
  code: string;
  message: string;
}

export interface GridCell {
  elementCode: string;
  name: string;
  unit: string;
  valueType: string;
  min: number | null;
  max: number | null;
  value: number | null;
  version: number;
  comment: string | null;
  previousValue: number | null;
  updatedAt: string | null;
  updatedBy: string | null;
  issues: Issue[];
  needsComment: boolean;
}

export interface Grid {
  form: { code: string; name: string; periodType: PeriodType };
  unit: { code: string; name: string; level: string };
  period: string;
  rollUp: boolean;
  submission: {
    state: SubmissionState;
    submittedAt: string | null;
    firstSubmittedAt: string | null;
    reviewedBy: string | null;
    reason: string | null;
    onTime: boolean | null;
  };
  deadlines: { dueDate: string; expiryDate: string; expired: boolean };
  permissions: {
    edit: boolean;
    submit: boolean;
    approve: boolean;
    return: boolean;
    reopen: boolean;
  };
  filled: number;
  total: number;
  cells: GridCell[];
  children: Array<{
    unitCode: string;
    unitName: string;
    state: string;
    submittedAt: string | null;
  }>;
}

export interface SubmissionKey {
  formCode: string;
  unitCode: string;
  period: string;
}

export interface ValueChange {
  elementCode: string;
  unitCode: string;
  period: string;
  value: number | null;
  comment?: string;
  baseVersion?: number;
}

export interface Indexed {
  index: number;
  field: string;
  message: string;
}

export interface SaveResult {
  created: number;
  updated: number;
  unchanged: number;
  rejected: Indexed[];
  warnings: Indexed[];
}

export interface Conflict {
  index: number;
  elementCode: string;
  yourValue: number | null;
  storedValue?: number | null;
  storedVersion?: number;
  storedComment?: string | null;
  updatedBy?: string | null;
  updatedAt?: string | null;
}

export interface InboxItem extends SubmissionKey {
  id: number;
  formName: string;
  unitName: string;
  submittedAt: string | null;
  submittedBy: string | null;
  dueDate: string;
  onTime: boolean | null;
  rollUp: boolean;
}

export interface PlacedError {
  sheet?: string;
  row?: number;
  column?: string;
  field?: string;
  message: string;
}

export interface ImportResult {
  dryRun: boolean;
  stored: boolean;
  submitted: boolean;
  receivedAt: string;
  summary: { total: number; created: number; updated: number; unchanged: number; rejected: number };
  errors: PlacedError[];
  errorCount: number;
}

/** An error answer that carries more than a message (conflicts, import summaries, details). */
export class DetailedApiError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(status, code, message);
  }
}

export function useForms() {
  return useQuery({
    queryKey: ['reporting', 'forms'],
    queryFn: ({ signal }) => apiGet<{ forms: ReportForm[] }>('/api/reporting/forms', signal),
    select: (r) => r.forms.filter((f) => f.active),
    staleTime: 5 * 60_000,
  });
}

export const gridKey = (key: SubmissionKey | null) => ['reporting', 'grid', key] as const;

export function useGrid(key: SubmissionKey | null) {
  return useQuery({
    queryKey: gridKey(key),
    enabled: key !== null,
    queryFn: ({ signal }) =>
      apiGet<Grid>(
        `/api/reporting/grid?${new URLSearchParams({ form: key!.formCode, unit: key!.unitCode, period: key!.period })}`,
        signal,
      ),
  });
}

export function useInbox(enabled: boolean) {
  return useQuery({
    queryKey: ['reporting', 'inbox'],
    enabled,
    queryFn: ({ signal }) => apiGet<{ items: InboxItem[] }>('/api/reporting/inbox', signal),
    select: (r) => r.items,
  });
}

/** Sends JSON, keeping the whole error body (conflicts, rejected values) on failure. */
async function sendJson<T>(
  method: 'PUT' | 'POST',
  path: string,
  body: unknown,
  csrf: string,
): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-csrf-token': csrf,
    },
    body: JSON.stringify(body),
  });
  return readAnswer<T>(response);
}

async function readAnswer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok) return body as T;
  const code = typeof body?.code === 'string' ? body.code : `HTTP_${response.status}`;
  const message =
    typeof body?.message === 'string'
      ? body.message
      : i18n.t('common.unexpectedResponse', { status: response.status });
  throw new DetailedApiError(response.status, code, message, body ?? {});
}

export function saveValues(
  values: ValueChange[],
  csrf: string,
  submit = false,
): Promise<SaveResult> {
  return sendJson('PUT', '/api/reporting/values', { values, ...(submit ? { submit } : {}) }, csrf);
}

export type Transition = 'submit' | 'approve' | 'return' | 'reopen';

export function transition(action: Transition, key: SubmissionKey, csrf: string, reason?: string) {
  return sendJson(
    'POST',
    `/api/reporting/submissions/${action}`,
    { ...key, ...(reason ? { reason } : {}) },
    csrf,
  );
}

export function bulkApprove(items: SubmissionKey[] | undefined, csrf: string) {
  return sendJson<{
    approved: SubmissionKey[];
    skipped: Array<SubmissionKey & { message: string }>;
  }>('POST', '/api/reporting/inbox/approve', items ? { items } : {}, csrf);
}

export function templateUrl(key: SubmissionKey): string {
  const query = new URLSearchParams({
    formCode: key.formCode,
    units: key.unitCode,
    from: key.period,
  });
  return `/api/reporting-io/template?${query}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Uploads an .xlsx as the request body (no multipart); dryRun checks without storing. */
export async function uploadWorkbook(
  file: Blob,
  options: { dryRun: boolean; submit: boolean; formCode: string },
  csrf: string,
): Promise<ImportResult> {
  const query = new URLSearchParams({
    dryRun: String(options.dryRun),
    submit: String(options.submit),
    formCode: options.formCode,
  });
  const response = await fetch(`/api/reporting-io/import/xlsx?${query}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': XLSX_TYPE, accept: 'application/json', 'x-csrf-token': csrf },
    body: file,
  });
  return readAnswer<ImportResult>(response);
}

// 优秀案例评选: calls, cases (multipart with attachments), blind scoring, ranking, publication.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { ApiError, apiGet, apiRequest } from './client';
// Shapes the server defines; type-only imports, erased from the bundle.
import type {
  CallDetail as CallDetailSchema,
  CallDto,
  CallInput,
  Candidate as CandidateSchema,
  Ranking as RankingSchema,
  SubmissionDataInput,
  SubmissionDto,
} from '../../../server/src/modules/cases/cases.schema';
import type { Criterion, TieRule } from '../../../core/cases';

export type { CallDto, CallInput, Criterion, SubmissionDataInput, SubmissionDto, TieRule };
export type CallDetail = Static<typeof CallDetailSchema>;
export type Ranking = Static<typeof RankingSchema>;
export type Candidate = Static<typeof CandidateSchema>;

/** An API error with the server's placed details (field → message). */
export class CaseError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details: Array<{ field?: string; message: string }> = [],
  ) {
    super(status, code, message);
  }
}

export const useCalls = () =>
  useQuery({
    queryKey: ['cases', 'calls'],
    queryFn: ({ signal }) => apiGet<{ calls: CallDto[] }>('/api/cases/calls', signal),
  });

export const useCall = (id: number | null) =>
  useQuery({
    queryKey: ['cases', 'call', id],
    enabled: id !== null,
    queryFn: ({ signal }) => apiGet<CallDetail>(`/api/cases/calls/${id}`, signal),
  });

export const useRanking = (id: number, enabled: boolean) =>
  useQuery({
    queryKey: ['cases', 'ranking', id],
    enabled,
    queryFn: ({ signal }) => apiGet<Ranking>(`/api/cases/calls/${id}/ranking`, signal),
  });

export const useCandidates = (enabled: boolean) =>
  useQuery({
    queryKey: ['cases', 'candidates'],
    enabled,
    queryFn: ({ signal }) =>
      apiGet<{ users: Candidate[] }>('/api/cases/reviewer-candidates', signal),
    staleTime: 60_000,
  });

/** Every mutation refreshes all case queries: lists, the call, the ranking. */
function useCaseMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: ['cases'] }),
  });
}

export const useSaveCall = () =>
  useCaseMutation(({ id, input }: { id: number | null; input: CallInput }) =>
    apiRequest<CallDto>(id ? `/api/cases/calls/${id}` : '/api/cases/calls', {
      method: id ? 'PUT' : 'POST',
      body: input,
    }),
  );

export const useMoveCall = () =>
  useCaseMutation(({ id, status }: { id: number; status: 'open' | 'reviewing' | 'closed' }) =>
    apiRequest<CallDto>(`/api/cases/calls/${id}/status`, { method: 'POST', body: { status } }),
  );

export const useAssignReviewers = () =>
  useCaseMutation(({ id, userIds }: { id: number; userIds: number[] }) =>
    apiRequest(`/api/cases/calls/${id}/reviewers`, { method: 'PUT', body: { userIds } }),
  );

export const usePublish = () =>
  useCaseMutation((id: number) =>
    apiRequest<Ranking>(`/api/cases/calls/${id}/publish`, { method: 'POST' }),
  );

export const useScore = () =>
  useCaseMutation(
    ({ id, scores, comment }: { id: number; scores: Record<string, number>; comment: string }) =>
      apiRequest<SubmissionDto>(`/api/cases/submissions/${id}/scores`, {
        method: 'POST',
        body: { scores, comment },
      }),
  );

/** Sends a case as multipart/form-data: the `data` JSON field and the attachment files. */
async function sendCase(
  url: string,
  method: 'POST' | 'PUT',
  data: SubmissionDataInput,
  files: File[],
) {
  const me = await apiGet<{ csrfToken: string }>('/api/auth/me');
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const f of files) form.append('files', f, f.name);
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': me.csrfToken, accept: 'application/json' },
    body: form,
  });
  const body = (await response.json().catch(() => ({}))) as {
    code?: string;
    message?: string;
    details?: Array<{ field?: string; message: string }>;
  };
  if (!response.ok)
    throw new CaseError(
      response.status,
      body.code ?? 'HTTP',
      body.message ?? `HTTP ${response.status}`,
      body.details,
    );
  return body as unknown as SubmissionDto;
}

export const useSubmitCase = () =>
  useCaseMutation(
    ({
      callId,
      submissionId,
      data,
      files,
    }: {
      callId: number;
      submissionId: number | null;
      data: SubmissionDataInput;
      files: File[];
    }) =>
      submissionId
        ? sendCase(`/api/cases/submissions/${submissionId}`, 'PUT', data, files)
        : sendCase(`/api/cases/calls/${callId}/submissions`, 'POST', data, files),
  );

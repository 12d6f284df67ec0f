// 十件民生实事: the year's list with statuses, and the supervision office's edits.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet } from './client';
import { DetailedApiError } from './ledgers';
// Shapes the server defines; type-only imports, erased from the bundle.
import type {
  MatterBodyT,
  MatterDto,
  MatterListDto,
} from '../../../server/src/modules/practical-matters/practical-matters.schema';
import type { Target } from '../../../core/plan/schema';

export type { MatterDto, MatterListDto, Target };
export type MatterInput = Omit<MatterBodyT, 'targets'> & { targets: Target[] };

export const useMatters = (year: number | null) =>
  useQuery({
    queryKey: ['practical-matters', year],
    queryFn: ({ signal }) =>
      apiGet<MatterListDto>(
        year === null ? '/api/practical-matters' : `/api/practical-matters?year=${year}`,
        signal,
      ),
  });

/** Sends a body with the session's CSRF token; errors keep the server's placed details. */
async function send<T>(url: string, method: 'POST' | 'PUT' | 'DELETE', body?: unknown) {
  const me = await apiGet<{ csrfToken: string }>('/api/auth/me');
  const headers: Record<string, string> = {
    'x-csrf-token': me.csrfToken,
    accept: 'application/json',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => ({}))) as {
    code?: string;
    message?: string;
    details?: Array<{ field?: string; message: string }>;
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

function useInvalidating<A, R>(fn: (a: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: ['practical-matters'] }),
  });
}

/** Creates (id null) or edits a matter at the version the editor saw. */
export const useSaveMatter = () =>
  useInvalidating(
    ({ id, input, version }: { id: number | null; input: MatterInput; version?: number }) =>
      id === null
        ? send<{ matter: MatterDto }>('/api/practical-matters', 'POST', input)
        : send<{ matter: MatterDto }>(`/api/practical-matters/${id}`, 'PUT', {
            ...input,
            version,
          }),
  );

export const useDeleteMatter = () =>
  useInvalidating(({ id, version }: { id: number; version: number }) =>
    send<void>(`/api/practical-matters/${id}?version=${version}`, 'DELETE'),
  );

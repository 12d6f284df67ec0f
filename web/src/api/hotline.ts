// 12345 hotline: closure rates against the ≥98% target, and uploading an export.
import { useQuery } from '@tanstack/react-query';
import { ApiError, apiGet } from './client';

export interface ClosureRow {
  placeCode: string;
  placeName: string;
  month: string;
  category: string;
  closedOnTime: number;
  closedLate: number;
  openOverdue: number;
  openPending: number;
  decided: number;
  rate: number | null;
  meetsTarget: boolean | null;
}

export interface ClosureReport {
  target: number;
  from: string;
  to: string;
  consumer: ClosureRow[];
  belowTarget: ClosureRow[];
  byCategory: ClosureRow[];
}

export const useClosure = (from: string | null, to: string | null) =>
  useQuery({
    queryKey: ['hotline-closure', from, to],
    queryFn: ({ signal }) => {
      const q = new URLSearchParams();
      if (from) q.set('from', from);
      if (to) q.set('to', to);
      return apiGet<ClosureReport>(`/api/hotline/closure?${q}`, signal);
    },
  });

/** Sends the file as the raw request body (streamed and imported in one transaction). */
export async function uploadHotlineFile(
  file: File,
): Promise<{ rows: number; inserted: number; updated: number }> {
  const me = await apiGet<{ csrfToken: string }>('/api/auth/me');
  const response = await fetch(`/api/hotline/imports?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': file.name.toLowerCase().endsWith('.csv')
        ? 'text/csv'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'x-csrf-token': me.csrfToken,
    },
    body: file,
  });
  const body = (await response.json()) as {
    code?: string;
    message?: string;
    rows: number;
    inserted: number;
    updated: number;
  };
  if (!response.ok)
    throw new ApiError(response.status, body.code ?? 'HTTP', body.message ?? '导入失败');
  return body;
}

// 通报: the list (drafts only for the supervision office), drafting now, editing a draft,
// publishing, and the links to the .docx and the printable page.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, apiRequest } from './client';
// Shapes the server defines; type-only imports, erased from the bundle.
import type {
  BulletinDetail,
  BulletinList,
  BulletinSummary,
  DraftBody,
  UpdateBody,
} from '../../../server/src/modules/bulletins/bulletins.schema';

export type { BulletinDetail, BulletinSummary, DraftBody, UpdateBody };
export type BulletinKind = BulletinSummary['kind'];

const KEY = 'bulletins';

export const useBulletins = () =>
  useQuery({
    queryKey: [KEY, 'list'],
    queryFn: ({ signal }) => apiGet<BulletinList>('/api/bulletins', signal),
  });

export const useBulletin = (id: number | null) =>
  useQuery({
    queryKey: [KEY, 'one', id],
    enabled: id !== null,
    queryFn: ({ signal }) => apiGet<BulletinDetail>(`/api/bulletins/${id}`, signal),
  });

export function useDraftBulletin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DraftBody) => apiPost<BulletinDetail>('/api/bulletins', body),
    onSuccess: () => client.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function useUpdateBulletin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateBody & { id: number }) =>
      apiRequest<BulletinDetail>(`/api/bulletins/${id}`, { method: 'PUT', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function usePublishBulletin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiPost<BulletinDetail>(`/api/bulletins/${id}/publish`),
    onSuccess: () => client.invalidateQueries({ queryKey: [KEY] }),
  });
}

export const bulletinDocxUrl = (id: number) => `/api/bulletins/${id}/docx`;
/** A version in the URL so the preview reloads after an edit. */
export const bulletinHtmlUrl = (id: number, version: string) =>
  `/api/bulletins/${id}/html?v=${encodeURIComponent(version)}`;

// 中期评估: the list, taking a snapshot, one evaluation, assessing a target, signing off,
// and the report downloads.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, apiRequest } from './client';
// Shapes the server defines; type-only imports, erased from the bundle.
import type {
  AssessBody,
  AssessmentView,
  CreateBody,
  EvaluationDetail,
  EvaluationList,
  EvaluationListItem,
  SignBody,
} from '../../../server/src/modules/evaluations/evaluations.schema';

export type { AssessBody, AssessmentView, EvaluationDetail, EvaluationListItem };
export type EvaluationTarget = EvaluationDetail['snapshot']['targets'][number];
export type EvaluationAction = AssessmentView['action'];
export const EVALUATION_ACTIONS: EvaluationAction[] = ['keep', 'raise', 'lower', 'replace', 'drop'];

const KEY = 'evaluations';

export const useEvaluations = () =>
  useQuery({
    queryKey: [KEY, 'list'],
    queryFn: ({ signal }) => apiGet<EvaluationList>('/api/evaluations', signal),
  });

export const useEvaluation = (id: number | null) =>
  useQuery({
    queryKey: [KEY, 'one', id],
    enabled: id !== null,
    queryFn: ({ signal }) => apiGet<EvaluationDetail>(`/api/evaluations/${id}`, signal),
  });

export function useCreateEvaluation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBody) => apiPost<EvaluationDetail>('/api/evaluations', body),
    onSuccess: () => client.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function useAssessTarget(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ targetCode, ...body }: AssessBody & { targetCode: string }) =>
      apiRequest<AssessmentView>(
        `/api/evaluations/${id}/assessments/${encodeURIComponent(targetCode)}`,
        { method: 'PUT', body },
      ),
    // A conflict also reloads, so the form shows what the other person saved.
    onSettled: () => client.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function useSignEvaluation(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SignBody) => apiPost<EvaluationDetail>(`/api/evaluations/${id}/sign`, body),
    onSettled: () => client.invalidateQueries({ queryKey: [KEY] }),
  });
}

export const evaluationFileUrl = (id: number, format: 'docx' | 'xlsx') =>
  `/api/evaluations/${id}/${format}`;

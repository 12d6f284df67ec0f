// 动态调整: target change requests (propose, approve, reject, withdraw), the revision history
// and the difference between two revisions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { apiGet, apiPost } from './client';
// Shapes the server defines; type-only imports, erased from the bundle.
import type {
  ChangeRequestDto,
  DiffResponse,
  ProposeBody,
  RevisionSummary as RevisionSummarySchema,
} from '../../../server/src/modules/plan/plan.schema';
import type { TargetChange } from '../../../core/plan/revisions';

export type { ChangeRequestDto, ProposeBody, TargetChange };
export type RevisionSummary = Static<typeof RevisionSummarySchema>;
export type PlanDiff = Static<typeof DiffResponse>;

export const useChangeRequests = (enabled: boolean) =>
  useQuery({
    queryKey: ['plan', 'changes'],
    enabled,
    queryFn: ({ signal }) => apiGet<ChangeRequestDto[]>('/api/plan/changes', signal),
  });

export const useRevisions = () =>
  useQuery({
    queryKey: ['plan', 'revisions'],
    queryFn: ({ signal }) => apiGet<RevisionSummary[]>('/api/plan/revisions', signal),
  });

export const usePlanDiff = (from: number | null, to: number | null) =>
  useQuery({
    queryKey: ['plan', 'diff', from, to],
    enabled: from !== null && to !== null,
    queryFn: ({ signal }) => apiGet<PlanDiff>(`/api/plan/diff?from=${from}&to=${to}`, signal),
  });

/** After any review the plan, its revisions and every analytics figure may have changed. */
function useInvalidatePlan() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['plan'] });
    void qc.invalidateQueries({ queryKey: ['analytics'] });
  };
}

export function usePropose() {
  const invalidate = useInvalidatePlan();
  return useMutation({
    mutationFn: (body: ProposeBody) => apiPost<ChangeRequestDto>('/api/plan/changes', body),
    onSuccess: invalidate,
  });
}

export function useReview() {
  const invalidate = useInvalidatePlan();
  return useMutation({
    mutationFn: (x: {
      id: number;
      action: 'approve' | 'reject' | 'withdraw';
      comment?: string;
      version?: number;
    }) =>
      apiPost<ChangeRequestDto>(
        `/api/plan/changes/${x.id}/${x.action}`,
        x.action === 'withdraw' ? {} : { comment: x.comment, version: x.version },
      ),
    onSuccess: invalidate,
  });
}

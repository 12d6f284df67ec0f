// The current plan revision (domains → tasks → targets) as imported on the server.
import { useQuery } from '@tanstack/react-query';
import type { Plan } from '../../../core/plan/schema';
import { apiGet } from './client';

export type { Comparator, Domain, Plan, Target, TargetKind, Task } from '../../../core/plan/schema';

export interface PlanRevision {
  id: number;
  number: number;
  importedAt: string;
  reason: string;
  /** The date this revision is in force from (动态调整). */
  effectiveFrom: string;
}

export interface PlanResponse {
  revision: PlanRevision;
  plan: Plan;
}

export function usePlan() {
  return useQuery({
    queryKey: ['plan'],
    queryFn: ({ signal }) => apiGet<PlanResponse>('/api/plan', signal),
    staleTime: 5 * 60_000,
  });
}

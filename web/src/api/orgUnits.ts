// Organisational units: the province, its 21 cities, their counties, and the departments.
import { useQuery } from '@tanstack/react-query';
import { apiGet } from './client';

export type OrgUnitLevel = 'province' | 'city' | 'county' | 'department';
export type Region = '珠三角' | '粤东' | '粤西' | '粤北';

export interface OrgUnit {
  code: string;
  name: string;
  level: OrgUnitLevel;
  parentCode: string | null;
  region: Region | null;
}

export function useOrgUnits() {
  return useQuery({
    queryKey: ['org-units'],
    queryFn: ({ signal }) => apiGet<{ units: OrgUnit[] }>('/api/org-units', signal),
    select: (response) => response.units,
    staleTime: 30 * 60_000,
  });
}

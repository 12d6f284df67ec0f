// Satisfaction surveys, waves, links and the index (staff side).
import { useQuery } from '@tanstack/react-query';
import type { Question } from '../../../core/satisfaction/survey';
import { apiGet, apiRequest } from './client';

export type { Question } from '../../../core/satisfaction/survey';

export interface Wave {
  id: number;
  code: string;
  opensAt: string;
  closesAt: string;
  responses: number;
  state: 'scheduled' | 'open' | 'closed';
}

export interface Survey {
  id: number;
  title: string;
  description: string;
  questions: Question[];
  minN: number;
  waves: Wave[];
}

export interface SurveyInput {
  title: string;
  description?: string;
  questions: Question[];
  minN?: number;
}

export interface PlaceLink {
  placeCode: string;
  placeName: string;
  level: string;
  cityCode: string;
  url: string;
}

export interface IndexCell {
  waveCode: string;
  placeCode: string;
  placeName: string;
  domainCode: string;
  n: number;
  status: 'ok' | 'insufficient';
  index: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  label: string;
}

export const useSurveys = () =>
  useQuery({
    queryKey: ['surveys'],
    queryFn: ({ signal }) => apiGet<{ surveys: Survey[] }>('/api/surveys', signal),
  });

export const useSurveyLinks = (surveyId: number | null) =>
  useQuery({
    queryKey: ['surveys', surveyId, 'links'],
    enabled: surveyId !== null,
    queryFn: ({ signal }) =>
      apiGet<{ links: PlaceLink[] }>(`/api/surveys/${surveyId}/links`, signal),
  });

export const useSatisfactionIndex = (surveyId: number | null, wave: string | null) =>
  useQuery({
    queryKey: ['satisfaction-index', surveyId, wave],
    enabled: surveyId !== null,
    queryFn: ({ signal }) =>
      apiGet<{ minN: number; waves: string[]; cells: IndexCell[] }>(
        `/api/satisfaction/index?surveyId=${surveyId}${wave ? `&wave=${encodeURIComponent(wave)}` : ''}`,
        signal,
      ),
  });

/** One wave's index per city for one domain ('ALL' = overall): the dashboard's map. */
export const useCityIndex = (surveyId: number | null, wave: string | null, domain: string) =>
  useQuery({
    queryKey: ['satisfaction-index', surveyId, wave, 'city', domain],
    enabled: surveyId !== null && wave !== null,
    queryFn: ({ signal }) =>
      apiGet<{ minN: number; waves: string[]; cells: IndexCell[] }>(
        `/api/satisfaction/index?${new URLSearchParams({
          surveyId: String(surveyId),
          wave: wave ?? '',
          level: 'city',
          domain,
        }).toString()}`,
        signal,
      ),
  });

export const createSurvey = (input: SurveyInput) =>
  apiRequest<{ id: number }>('/api/surveys', { method: 'POST', body: input });

export const updateSurvey = (id: number, input: SurveyInput) =>
  apiRequest<{ ok: boolean }>(`/api/surveys/${id}`, { method: 'PUT', body: input });

export const createWave = (
  surveyId: number,
  input: { code: string; opensAt: string; closesAt: string },
) => apiRequest<{ id: number }>(`/api/surveys/${surveyId}/waves`, { method: 'POST', body: input });

export const qrUrl = (surveyId: number, placeCode: string, format: 'svg' | 'png' = 'svg') =>
  `/api/surveys/${surveyId}/links/${placeCode}/qr?format=${format}`;

export const responsesExportUrl = (surveyId: number, wave: string, format: 'csv' | 'xlsx') =>
  `/api/surveys/${surveyId}/responses/export?wave=${encodeURIComponent(wave)}&format=${format}`;

export const indexExportUrl = (surveyId: number, wave: string | null) =>
  `/api/satisfaction/index/export?surveyId=${surveyId}${wave ? `&wave=${encodeURIComponent(wave)}` : ''}`;

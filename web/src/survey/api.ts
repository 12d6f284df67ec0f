// The public survey's two calls. A signed-in staff member opening the page has a session
// cookie, and the server then wants its CSRF token: fetch it once and retry.
import type { Question } from '../../../core/satisfaction/survey';

export interface PublicSurvey {
  survey: { id: number; title: string; description: string; questions: Question[] };
  wave: { id: number; code: string; closesAt: string };
  place: { code: string; name: string; cityName: string };
}

export interface ApiError {
  code: string;
  message: string;
  details?: Array<{ field?: string; message: string }>;
}

export class SurveyApiError extends Error {
  constructor(readonly body: ApiError) {
    super(body.message);
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...init });
  } catch {
    throw new SurveyApiError({ code: 'NETWORK', message: '网络连接失败，请检查网络后重试' });
  }
  const body = (await response.json().catch(() => null)) as T | ApiError | null;
  if (response.ok) return body as T;
  throw new SurveyApiError(
    (body as ApiError | null) ?? { code: 'HTTP', message: `服务暂时不可用（${response.status}）` },
  );
}

export interface LinkParams {
  s: string;
  p: string;
  k: string;
  t: string | null;
}

export function loadSurvey(link: LinkParams): Promise<PublicSurvey> {
  const q = new URLSearchParams({ p: link.p, k: link.k });
  if (link.t) q.set('t', link.t);
  return call<PublicSurvey>(`/api/public/surveys/${encodeURIComponent(link.s)}?${q}`);
}

export async function submitAnswers(
  link: LinkParams,
  waveId: number,
  answers: Record<string, unknown>,
): Promise<{ message: string }> {
  const body = JSON.stringify({
    waveId,
    p: link.p,
    k: link.k,
    ...(link.t ? { t: link.t } : {}),
    answers,
  });
  const post = (headers: Record<string, string>) =>
    call<{ message: string }>(`/api/public/surveys/${encodeURIComponent(link.s)}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  try {
    return await post({});
  } catch (error) {
    if (!(error instanceof SurveyApiError) || error.body.code !== 'CSRF_INVALID') throw error;
    const me = await call<{ csrfToken: string }>('/api/auth/me');
    return post({ 'x-csrf-token': me.csrfToken });
  }
}

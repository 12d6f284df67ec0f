// Fetch wrapper for the JSON API: same-origin cookies, the CSRF header on writes, and errors
// turned into ApiError carrying the server's user-facing (Chinese) message.
import i18n from '../i18n';

/** Error body the server sends with every 4xx/5xx response. */
export interface ApiErrorBody {
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Thrown for failures before any HTTP response arrived (offline, DNS, refused). */
export const NETWORK_ERROR_CODE = 'NETWORK_ERROR';

let csrfToken: string | null = null;

/** Remember the token from the last login or /api/auth/me response. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedListener = () => void;
let unauthorizedListener: UnauthorizedListener | null = null;

/** Called whenever a request is rejected with 401 (session missing or expired). */
export function onUnauthorized(listener: UnauthorizedListener | null): void {
  unauthorizedListener = listener;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Do not treat 401 as an expired session (login itself, and the session probe). */
  allowUnauthorized?: boolean;
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}

async function readErrorBody(response: Response): Promise<ApiErrorBody | null> {
  try {
    const body: unknown = await response.json();
    return isApiErrorBody(body) ? body : null;
  } catch {
    return null;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await readErrorBody(response);
  if (body) return new ApiError(response.status, body.code, body.message);
  return new ApiError(
    response.status,
    `HTTP_${response.status}`,
    i18n.t('common.unexpectedResponse', { status: response.status }),
  );
}

function buildHeaders(method: string, hasBody: boolean): Headers {
  const headers = new Headers({ accept: 'application/json' });
  if (hasBody) headers.set('content-type', 'application/json');
  if (method !== 'GET' && csrfToken) headers.set('x-csrf-token', csrfToken);
  return headers;
}

/** Sends a request to the API and returns the parsed JSON body (undefined for 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: buildHeaders(method, hasBody),
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, NETWORK_ERROR_CODE, i18n.t('common.networkError'));
  }

  if (!response.ok) {
    const apiError = await toApiError(response);
    if (response.status === 401 && !options.allowUnauthorized) unauthorizedListener?.();
    throw apiError;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(path, { signal });
}

export function apiPost<T>(path: string, body?: unknown): Promise<T> {
  return apiRequest<T>(path, { method: 'POST', body });
}

/** The message to show for any error caught from the API layer. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return i18n.t('common.loadFailed');
}

// Session: who is signed in, login and logout. The session lives in a cookie; the CSRF token
// that non-GET requests need comes back with login and /api/auth/me.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiPost, apiRequest, rememberCsrfToken } from './client';

export const roles = ['sysadmin', 'supervisor', 'department', 'city', 'county', 'viewer'] as const;
export type Role = (typeof roles)[number];

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  unitName: string | null;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Credentials {
  username: string;
  password: string;
}

export const sessionQueryKey = ['auth', 'session'] as const;

/** The current session, or null when nobody is signed in. */
async function fetchSession(signal: AbortSignal): Promise<Session | null> {
  try {
    const session = await apiRequest<Session>('/api/auth/me', { signal, allowUnauthorized: true });
    rememberCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Whether 统一身份认证 (single sign-on) is configured on the server. */
export function useSingleSignOn() {
  return useQuery({
    queryKey: ['auth', 'oidc'],
    queryFn: ({ signal }) =>
      apiRequest<{ enabled: boolean }>('/api/auth/oidc', { signal, allowUnauthorized: true }),
    staleTime: Infinity,
  });
}

export function useSession() {
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: Infinity,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) =>
      apiRequest<Session>('/api/auth/login', {
        method: 'POST',
        body: credentials,
        allowUnauthorized: true,
      }),
    onSuccess: (session) => {
      rememberCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
}

/** Clears every cached server answer and marks the session as signed out. */
export function forgetSession(queryClient: QueryClient): void {
  rememberCsrfToken(null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
  queryClient.setQueryData(sessionQueryKey, null);
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<void>('/api/auth/logout'),
    // A 401 here means the session had already ended; the unauthorized listener handles it.
    onSuccess: () => forgetSession(queryClient),
  });
}

import { createContext, useContext } from 'react';
import type { User } from '../api/auth';

export const CurrentUserContext = createContext<User | null>(null);

/** The signed-in user; only for components rendered inside <RequireAuth>. */
export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser must be used inside <RequireAuth>');
  return user;
}

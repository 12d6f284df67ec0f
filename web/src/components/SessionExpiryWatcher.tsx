import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { forgetSession, sessionQueryKey, type Session } from '../api/auth';
import { onUnauthorized } from '../api/client';

/**
 * When any request comes back 401, the session has ended: drop it (the route guard then sends
 * the user to the login page) and say why.
 */
export function SessionExpiryWatcher() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();

  useEffect(() => {
    onUnauthorized(() => {
      const hadSession = queryClient.getQueryData<Session | null>(sessionQueryKey) != null;
      forgetSession(queryClient);
      if (hadSession) void message.warning(t('common.sessionExpired'));
    });
    return () => onUnauthorized(null);
  }, [queryClient, message, t]);

  return null;
}

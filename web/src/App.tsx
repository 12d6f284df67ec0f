import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { createQueryClient } from './api/queryClient';
import { LocalizedConfigProvider } from './components/LocalizedConfigProvider';
import { SessionExpiryWatcher } from './components/SessionExpiryWatcher';
import { router } from './router';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LocalizedConfigProvider>
        <SessionExpiryWatcher />
        <RouterProvider router={router} />
      </LocalizedConfigProvider>
    </QueryClientProvider>
  );
}

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in web/ and is served by the API server from web/dist.
// In development, `npx vite --config web/vite.config.ts` proxies /api to a locally running server
// (http://127.0.0.1:8080, or the address in MINSHENG_API_URL).
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.MINSHENG_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // Three entry points: the staff app, and the light public pages (survey, portal) with no
    // React and no antd.
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        survey: fileURLToPath(new URL('survey.html', import.meta.url)),
        progress: fileURLToPath(new URL('progress.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
});

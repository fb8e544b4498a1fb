import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The server serves web/dist at '/', with index.html as the fallback for client-side routes. */
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev -w web` next to `npm run dev` (API on :3000).
    proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' },
  },
});

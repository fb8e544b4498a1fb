import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.YIQI_API ?? 'http://localhost:3000';

/** The server serves web/dist at '/', with index.html as the fallback for client-side routes. */
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // React, the router and the query cache change rarely: one long-cached chunk. Ant Design stays
        // split by use, so each page only loads the components it shows.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev -w web` next to `npm run dev` (API on :3000, or wherever YIQI_API points).
    proxy: { '/api': api, '/healthz': api },
  },
});

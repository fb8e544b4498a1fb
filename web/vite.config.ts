import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of the build, compressed once at the highest
 * levels, which the server sends as they are (@fastify/static `preCompressed`; see
 * docs/decisions/0017-web-compression.md). Files under 1 KB, or that would not shrink, are left alone.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'yiqi-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).filter((f) =>
        /\.(js|mjs|css|html|svg|json|txt)$/.test(f),
      );
      await Promise.all(
        files.map(async (f) => {
          const path = join(outDir, f);
          if ((await stat(path)).size < 1024) return;
          const raw = await readFile(path);
          const [br, gz] = await Promise.all([
            brotli(raw, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 11,
                [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            }),
            gzipAsync(raw, { level: 9 }),
          ]);
          if (br.length < raw.length) await writeFile(path + '.br', br);
          if (gz.length < raw.length) await writeFile(path + '.gz', gz);
        }),
      );
    },
  };
}

const api = process.env.YIQI_API ?? 'http://localhost:3000';

/** The server serves web/dist at '/', with index.html as the fallback for client-side routes. */
export default defineConfig({
  base: '/',
  plugins: [react(), precompress()],
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

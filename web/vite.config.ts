import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import type { OutputBundle } from 'rolldown';
import react from '@vitejs/plugin-react';
import { LIGHT_ROUTES } from './src/public/routes.ts';

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
      // A failed build also closes, with no folder written: leave its own error to be reported.
      const all = await readdir(outDir, { recursive: true }).catch(() => null);
      if (!all) return;
      const files = all.filter((f) => /\.(js|mjs|css|html|svg|json|txt)$/.test(f));
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

/**
 * The first pages' routes (issue 17). Since decision 0044 they are all the light public pages (src/public,
 * no Ant Design), whose addresses (src/public/routes.ts) main.tsx and the light router read too. `modules`:
 * the lazy chunks the route renders, so their files and everything they import download alongside the entry
 * instead of after it has run and the router has asked for them. `api`: GET requests the page makes at once,
 * as [pattern on path + query, URL]; `$1` is the pattern's first group. The pages' API functions claim these
 * answers (lib/preload.ts), so each URL must be exactly what they ask for, or the preload is wasted (never
 * wrong: unclaimed answers are dropped).
 */
const LIGHT_MOUNT = 'src/public/mount.tsx';
/** The light pages' entry as the build knows it: its Preact variant (lightPreact). */
const LIGHT = lightId(LIGHT_MOUNT);
/**
 * The modules the light pages import statically (their closure in the build, outside node_modules), for
 * the `public` chunk below; filled by `lightClosure` when the module graph is complete. Computed rather than
 * listed by hand: a hand list drifted and put modules only the full app uses (the whole error table, every
 * contract) into the file every first visit downloads.
 */
const lightModules = new Set<string>();

/** `web/src/x.tsx` → `web/src/x.__light__.tsx`: the same source, built for Preact (lightPreact). */
function lightId(id: string): string {
  return id.replace(/\.(tsx?)$/, '.__light__.$1');
}
const LIGHT_VARIANT = /\.__light__\.(tsx?)$/;

/**
 * The light pages run on Preact (docs/decisions/0067-light-pages-on-preact.md): React and ReactDOM are
 * 219 KB of JavaScript that a phone at 4× slowdown spends about half of a warm visit's script time on, and
 * the light pages use only hooks, context and plain elements, which preact/compat provides. The sources stay
 * React (the dev server, the tests and the full app use them as they are); in the build, `public/mount.tsx`
 * imported by main.tsx, and everything of ours it imports, is loaded a second time as a `.__light__` variant
 * whose `react*` imports resolve to Preact. Modules the full app shares with the light pages (the API
 * client, the message tables) are therefore in both graphs, once each; the full app never loads Preact,
 * and a first visit to a light page never loads React.
 */
function lightPreact(): Plugin {
  const REACT = new Map([
    ['react', 'preact/compat'],
    ['react-dom', 'preact/compat'],
    ['react-dom/client', 'preact/compat/client'],
    ['react/jsx-runtime', 'preact/jsx-runtime'],
    ['react/jsx-dev-runtime', 'preact/jsx-runtime'],
  ]);
  const OURS = /[\\/](web|shared)[\\/]src[\\/].+\.tsx?$/;
  return {
    name: 'yiqi-light-preact',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer) return null;
      const fromLight = LIGHT_VARIANT.test(importer);
      if (fromLight && REACT.has(source)) return this.resolve(REACT.get(source)!, importer, options);
      const realImporter = importer.replace(LIGHT_VARIANT, '.$1');
      const entersLight =
        !fromLight && /[\\/]src[\\/]main\.tsx$/.test(importer) && source.endsWith('/public/mount.tsx');
      if (!fromLight && !entersLight) return null;
      const resolved = await this.resolve(source, realImporter, { ...options, skipSelf: true });
      if (!resolved || resolved.external || !OURS.test(resolved.id)) return resolved;
      return lightId(resolved.id);
    },
    async load(id) {
      if (!LIGHT_VARIANT.test(id)) return null;
      return readFile(id.replace(LIGHT_VARIANT, '.$1'), 'utf8');
    },
  };
}

function lightClosure(): Plugin {
  let root = '';
  return {
    name: 'yiqi-light-closure',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    buildEnd() {
      lightModules.clear();
      const walk = (id: string) => {
        if (lightModules.has(id) || /[\\/]node_modules[\\/]/.test(id) || id.startsWith('\0')) return;
        const info = this.getModuleInfo(id);
        if (!info) return;
        lightModules.add(id);
        for (const next of info.importedIds) walk(next);
      };
      walk(resolve(root, LIGHT));
      if (lightModules.size < 10) throw new Error(`yiqi-light-closure: only ${lightModules.size} modules`);
    },
  };
}

const FIRST_ROUTES: { path: RegExp; modules: string[]; api: [RegExp, string][] }[] = [
  {
    // The public home page (public/HomePage.tsx): its list is HOME_QUERY, its figures the city's answer (the province's comes with it).
    path: LIGHT_ROUTES.home,
    modules: [LIGHT],
    api: [
      [/^/, '/api/me'],
      [/^/, '/api/activities?regionCode=440300000000&openOnly=true&page=1&pageSize=5'],
      [/^/, '/api/public/figures?region=440300000000'],
    ],
  },
  {
    path: LIGHT_ROUTES.login,
    modules: [LIGHT],
    api: [[/^/, '/api/me']],
  },
  {
    path: LIGHT_ROUTES.activities,
    modules: [LIGHT],
    // Without filters in the address: what the list asks for (public/ActivityListPage.tsx, page 1 of 10).
    api: [
      [/^/, '/api/me'],
      [/^\/m\/activities\/?$/, '/api/activities?page=1&pageSize=10'],
    ],
  },
  {
    path: LIGHT_ROUTES.activity,
    modules: [LIGHT],
    api: [
      [/^/, '/api/me'],
      [/^\/m\/activities\/([0-9A-Za-z-]+)$/, '/api/activities/$1'],
    ],
  },
  {
    path: LIGHT_ROUTES.verify,
    modules: [LIGHT],
    // Only a number already in its normal form (the QR code's link): the check page asks for that one.
    api: [[/^\/verify\/(YQ-\d{4}-[0-9A-HJKMNP-TV-Z]{10})$/, '/api/certificates/$1/verify']],
  },
];

/**
 * A small script (assets/boot-<hash>.js, first in index.html's head) that, for the first pages (FIRST_ROUTES), starts downloading
 * the route's chunks (`<link rel="modulepreload">`) and its first API answers (window.__yiqiPreload, read
 * by lib/preload.ts) while the entry chunk is still on its way: the page no longer waits for
 * entry → run → router → page chunk → API call one after the other. The chunk lists come from the bundle,
 * so they follow every build. See docs/decisions/0028-first-page-preload.md.
 */
/** What bootPreload found for the light pages, for the service worker's shell (filled during generateBundle). */
const lightShell = { files: [] as string[] };

function bootPreload(): Plugin {
  let root = '';
  let outDir = 'dist';
  let bootFile = '';
  let bootScript = '';
  return {
    name: 'yiqi-boot-preload',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      if (bootFile) await writeFile(join(outDir, bootFile), bootScript);
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle as OutputBundle | undefined;
        if (!bundle) return;
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const closure = (files: string[], into = new Set<string>()) => {
          for (const f of files) {
            if (into.has(f)) continue;
            into.add(f);
            closure(byFile.get(f)?.imports ?? [], into);
          }
          return into;
        };
        // Already preloaded by index.html itself: the entry and its static imports.
        const boot = closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
        const routes = FIRST_ROUTES.map((r) => {
          const files = r.modules.map((m) => {
            const id = resolve(root, m);
            // The chunk the module is the entry of, or (grouped, like the light pages) the one it was put in.
            const chunk =
              chunks.find((c) => c.facadeModuleId === id) ?? chunks.find((c) => c.moduleIds.includes(id));
            if (!chunk) throw new Error(`yiqi-boot-preload: no chunk for ${m}`);
            return chunk.fileName;
          });
          const code = [...closure(files)].filter((f) => !boot.has(f));
          // Their style sheets too (the light pages' CSS comes with their chunk, not with index.html).
          const css = code.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]);
          const needed = [...code, ...css].map((f) => '/' + f);
          return [r.path.source, needed, r.api.map(([p, url]) => [p.source, url])];
        });
        lightShell.files = [...new Set(routes.flatMap((r) => r[1] as string[]))];
        // The API requests go first, at high priority: on a phone's link they would otherwise queue behind
        // the chunks (six connections per host) and the page would wait for its data after its code.
        const script = `(function(){var R=${JSON.stringify(routes)},p=location.pathname,q=p+location.search,h=document.head,P=window.__yiqiPreload={};for(var i=0;i<R.length;i++){if(!new RegExp(R[i][0]).test(p))continue;R[i][2].forEach(function(a){if(a[1]==='/api/me'&&!/(?:^|;\\s*)yiqi_signed_in=/.test(document.cookie))return;var re=new RegExp(a[0]);if(re.test(q)){var u=re.source==='^'?a[1]:q.replace(re,a[1]);P[u]=fetch(u,{credentials:'same-origin',headers:{accept:'application/json'},priority:'high'});P[u].catch(function(){})}});R[i][1].forEach(function(f){var l=document.createElement('link'),c=/\\.css$/.test(f);l.rel=c?'stylesheet':'modulepreload';if(!c)l.crossOrigin='';l.href=f;h.appendChild(l)});break}})()`;
        // Its own file, not inline: the site's CSP allows scripts from the site only (server/src/http/security.ts).
        // Hashed like every asset (immutable). `defer` keeps it from blocking the parser while it arrives,
        // and deferred scripts run in document order, so it runs before the entry module.
        bootFile = `assets/boot-${createHash('sha256').update(script).digest('hex').slice(0, 8)}.js`;
        bootScript = script;
        return [{ tag: 'script', attrs: { src: '/' + bootFile, defer: true }, injectTo: 'head-prepend' }];
      },
    },
  };
}

/**
 * web/dist/sw.js: web/sw/sw.js with this build's shell written in (issue 17, docs/decisions/0057): index.html,
 * every hashed file it names (boot script, entry, its imports, style sheet) and the light pages' chunks,
 * and the light pages' addresses (FIRST_ROUTES). Its version is a hash of all of it, so every build that
 * changes the shell is a new sw.js, which the browser installs on the next visit.
 */
function serviceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'yiqi-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const index = bundle['index.html'];
      if (!index || index.type !== 'asset') throw new Error('yiqi-service-worker: no index.html');
      // The favicon (a few hundred bytes) as a data: URL: the browser asks for it after the page has
      // loaded, and that late request kept every visit, warm ones included, waiting for one more file.
      const html = String(index.source).replace(
        /(<link rel="icon" href=")\/(assets\/favicon-[^"]+\.svg)"/,
        (all, head: string, file: string) => {
          const svg = bundle[file];
          if (!svg || svg.type !== 'asset') return all;
          return `${head}data:image/svg+xml;base64,${Buffer.from(svg.source).toString('base64')}"`;
        },
      );
      await writeFile(join(outDir, 'index.html'), html);
      const named = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
      const boot = named.find((f) => /\/assets\/boot-[0-9a-f]+\.js$/.test(f));
      if (!boot) throw new Error('yiqi-service-worker: index.html names no boot script');
      const assets = [...new Set([...named, ...lightShell.files])].sort();
      const light = FIRST_ROUTES.map((r) => `(?:${r.path.source})`).join('|');
      const version = createHash('sha256')
        .update(JSON.stringify([html, assets, light]))
        .digest('hex')
        .slice(0, 12);
      const indexHash = createHash('sha256').update(html).digest('hex');
      const shell = { version, index: '/', indexHash, assets, light };
      const template = await readFile(fileURLToPath(new URL('./sw/sw.js', import.meta.url)), 'utf8');
      if (!template.includes('const SHELL = __SHELL__;'))
        throw new Error('yiqi-service-worker: no __SHELL__ in sw/sw.js');
      await writeFile(
        join(outDir, 'sw.js'),
        template.replace('const SHELL = __SHELL__;', `const SHELL = ${JSON.stringify(shell)};`),
      );
    },
  };
}

/**
 * In the production build `zod` is src/lib/zod-stub.ts: the web never validates with the shared contracts'
 * schemas, it only reads their constants, and zod plus the schemas' construction cost every page that
 * shows a status name ~90 KB of JavaScript to download and run (see the stub). The dev server keeps zod.
 */
function zodStub(): Plugin {
  const stub = fileURLToPath(new URL('./src/lib/zod-stub.ts', import.meta.url));
  return {
    name: 'yiqi-zod-stub',
    apply: 'build',
    enforce: 'pre',
    resolveId(source) {
      return source === 'zod' || source.startsWith('zod/') ? stub : null;
    },
    // Our modules' `z` becomes `yiqiZod`, the one name the bundler treats as pure (`manualPureFunctions`
    // below): schemas a page does not use are then dropped. The pure list matches by name in every module,
    // so it must be a name no library uses (Preact's own minified `z` is its render diff).
    transform(code, id) {
      if (!/[\\/](shared|web)[\\/]src[\\/]/.test(id) || !/import \{ z \} from 'zod';/.test(code)) return null;
      return code
        .replace(/import \{ z \} from 'zod';/, `import { z as ${PURE_ZOD} } from 'zod';`)
        .replace(/(?<![\w$.])z(?=\s*\.)/g, PURE_ZOD);
    },
  };
}
const PURE_ZOD = 'yiqiZod';

/**
 * Ant Design's icons are resolved to src/lib/quiet-icon.tsx, which hides them from screen readers unless
 * given a label of their own (the library names each one in English: issue 17). Only the icon files'
 * import of the base component is redirected; the wrapper itself imports the original.
 */
function quietIcons(): Plugin {
  const wrapper = fileURLToPath(new URL('./src/lib/quiet-icon.tsx', import.meta.url));
  return {
    name: 'yiqi-quiet-icons',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !/[\\/]@ant-design[\\/]icons[\\/](es|lib)[\\/]icons[\\/]/.test(importer)) return null;
      // AntdIconLight: outlined and filled icons (two-tone ones use AntdIcon, which the app does not use).
      return /\/components\/AntdIconLight(\.js)?$/.test(source) ? wrapper : null;
    },
  };
}

const api = process.env.YIQI_API ?? 'http://localhost:3000';

/** The server serves web/dist at '/', with index.html as the fallback for client-side routes. */
export default defineConfig({
  base: '/',
  plugins: [
    zodStub(),
    quietIcons(),
    lightPreact(),
    react(),
    lightClosure(),
    bootPreload(),
    serviceWorker(),
    precompress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // The shared contracts build zod schemas at module level; in this build zod is the stub (zodStub), so
      // those calls have no effect, and marking them pure lets the bundler drop every schema a page does
      // not use (the web reads only the contracts' constants). Without it each page that shows a status
      // name carried every schema of its contract file.
      treeshake: { manualPureFunctions: [PURE_ZOD] },
      output: {
        // React, the router and the query cache change rarely: long-cached chunks. Ant Design stays
        // split by use, so each page only loads the components it shows.
        codeSplitting: {
          groups: [
            // React itself is all the light public pages need (decision 0044); the router and the query cache
            // come with the full app.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router', test: /node_modules[\\/](react-router|@tanstack)[\\/]/ },
            // The light pages and everything of ours they import, as one file: a first visit then waits for
            // three requests of code (entry, react, public) instead of some twenty small shared chunks,
            // queued six at a time on a phone's HTTP/1.1 link. The full app reuses these modules from it.
            // Preact goes with them: only the light pages load it.
            {
              name: 'public',
              test: (id) => lightModules.has(id) || /node_modules[\\/]preact[\\/]/.test(id),
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

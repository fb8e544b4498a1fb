// The dispatch suggestions panel (web/src/features/dispatch/SuggestionsPanel.tsx) at desktop and phone size,
// before the dispatch feature's work-order page mounts it: `npx tsx e2e/suggestions-panel.screenshot.ts`.
// The answers are real: a PGlite test app with a small population (suggestions.testkit.ts) answers the
// need; the panel itself runs in Vite's dev server on a throwaway page whose fetch returns those answers
// (one need with candidates, one that nobody fits). Pictures: test-output/screenshots/suggestions-*.png.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'vite';
import { createUser, signIn, startTestApp } from '../server/src/test/harness.ts';
import {
  insertAccepted,
  insertActivity,
  insertTeam,
  insertVolunteer,
} from '../server/src/modules/suggestions/suggestions.testkit.ts';
import { launchBrowser, ROOT, screenshot } from './support.ts';

const template = join(ROOT, 'test-output', `pglite-template-suggestions-${process.pid}.tar`);
execFileSync('npx', ['tsx', 'scripts/test-template.ts', 'pglite', template], { cwd: ROOT, stdio: 'inherit' });
process.env.YIQI_TEST_PGLITE_TEMPLATE = template;

const t = await startTestApp();
const community = '440305001001';
const point = (lat: number, lng: number) => ({ lat, lng });
const admin = await createUser(t, 'shot.admin', { role: 'region_admin', region: '440305000000' });
const cookie = await signIn(t, admin);
const people: [string, string[], { lat: number; lng: number } | undefined][] = [
  ['陈小明', ['急救', '驾驶'], point(22.534, 113.93)],
  ['李华', ['急救'], point(22.531, 113.932)],
  ['王芳', ['急救', '驾驶', '心理疏导'], point(22.575, 113.93)],
  ['张伟', ['急救', '摄影'], undefined],
  ['刘洋', ['驾驶'], point(22.541, 113.951)],
];
const ids: string[] = [];
for (const [name, skills, at] of people)
  ids.push(await insertVolunteer(t, { name, region: community, skills, ...(at ? { point: at } : {}) }));
const teams = [
  await insertTeam(t, {
    name: '南头街道社区义诊队',
    region: community,
    categories: ['health', 'community'],
    point: point(22.533, 113.931),
  }),
  await insertTeam(t, { name: '南山区医疗志愿服务队', region: '440305000000', categories: ['health'] }),
  await insertTeam(t, {
    name: '深圳市红十字志愿服务队',
    region: '440300000000',
    categories: ['health', 'emergency_rescue'],
  }),
];
const shift = { startsAt: '2026-11-25T00:00:00Z', endsAt: '2026-11-25T02:00:00Z' };
const act = await insertActivity(t, {
  orgId: teams[1]!,
  region: '440305000000',
  ...shift,
  createdBy: admin.id,
});
await insertAccepted(t, { ...act, ...shift }, ids[1]!);

const ask = async (body: Record<string, unknown>) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/dispatch/suggestions',
    headers: { cookie },
    payload: {
      regionCode: community,
      startsAt: '2026-11-25T01:00:00Z',
      endsAt: '2026-11-25T03:00:00Z',
      ...body,
    },
  });
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as unknown;
};
const full = await ask({ point: point(22.53, 113.93), skills: ['急救', '驾驶'], categories: ['health'] });
const none = await ask({ skills: ['潜水'], categories: ['overseas'] });
await t.close();
rmSync(template, { force: true });

// A throwaway page in the web root: the panel twice, with the providers the app gives every page.
const page = join(ROOT, 'web', 'suggestions-preview.html');
writeFileSync(
  page,
  `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<style>body{margin:0;background:#f5f5f5;font-family:'Noto Sans CJK SC',sans-serif}</style></head>
<body><div id="root"></div>
<script>
  const answers = { full: ${JSON.stringify(full)}, none: ${JSON.stringify(none)} };
  window.fetch = async (_url, init) => {
    const need = JSON.parse(init.body);
    await new Promise((r) => setTimeout(r, 200));
    return new Response(JSON.stringify(need.skills[0] === '潜水' ? answers.none : answers.full),
      { status: 200, headers: { 'content-type': 'application/json' } });
  };
</script>
<script type="module">
  import { createElement as h } from 'react';
  import { createRoot } from 'react-dom/client';
  import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
  import { LocaleProvider } from '/src/lib/i18n.tsx';
  import SuggestionsPanel from '/src/features/dispatch/SuggestionsPanel.tsx';
  const need = { regionCode: '${community}', skills: ['急救', '驾驶'], startsAt: '2026-11-25T01:00:00Z', endsAt: '2026-11-25T03:00:00Z' };
  const client = new QueryClient();
  createRoot(document.getElementById('root')).render(
    h(QueryClientProvider, { client }, h(LocaleProvider, null,
      h('div', { style: { padding: 16 } },
        h(SuggestionsPanel, { need }),
        h('div', { style: { height: 24 } }),
        h(SuggestionsPanel, { need: { ...need, skills: ['潜水'] } })))));
</script></body></html>`,
);
const vite = await createServer({
  root: join(ROOT, 'web'),
  server: { port: 0, host: '127.0.0.1' },
  logLevel: 'error',
});
try {
  await vite.listen();
  const url = vite.resolvedUrls!.local[0]! + 'suggestions-preview.html';
  for (const [kind, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['mobile', { width: 390, height: 844 }],
  ] as const) {
    const browser = await launchBrowser(viewport);
    const p = await browser.context.newPage();
    await p.goto(url, { waitUntil: 'commit', timeout: 300_000 });
    await p.getByTestId('suggested-volunteers').waitFor({ timeout: 300_000 });
    await screenshot(p, `suggestions-${kind}`);
    // The second panel: a need nobody fits (empty states).
    await p.getByText('没有符合条件的志愿者').scrollIntoViewIfNeeded();
    await screenshot(p, `suggestions-${kind}-empty`);
    await browser.close();
  }
} finally {
  await vite.close();
  rmSync(page, { force: true });
}

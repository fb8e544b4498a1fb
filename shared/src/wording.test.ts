import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERRORS } from './errors.ts';

// The platform addresses people as 您 in Chinese, never 你 (zh-CN and zh-HK alike).

test('no error message addresses the reader as 你', () => {
  for (const [code, e] of Object.entries(ERRORS)) {
    assert.ok(!e.text['zh-CN'].includes('你'), `${code} zh-CN: ${e.text['zh-CN']}`);
    assert.ok(!e.text['zh-HK'].includes('你'), `${code} zh-HK: ${e.text['zh-HK']}`);
  }
});

const root = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

test('no web message, notification or other product text uses 你', () => {
  const files = ['shared/src', 'server/src', 'web/src'].flatMap((d) => sources(join(root, d)));
  assert.ok(
    files.some((f) => f.endsWith('messages.ts')),
    'the web message tables are scanned',
  );
  const found: string[] = [];
  for (const f of files) {
    readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.includes('你')) found.push(`${f.slice(root.length)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(found, []);
});

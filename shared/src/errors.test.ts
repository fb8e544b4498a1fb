import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { ERROR_TABLES, ERRORS } from './errors.ts';

test('no error code is defined in two domain tables (a spread would silently keep only one)', () => {
  // Every file in errors/ is one table, and every table is part of ERRORS.
  const files = readdirSync(new URL('./errors/', import.meta.url)).filter((f) => f.endsWith('.ts'));
  assert.equal(ERROR_TABLES.length, files.length);
  const total = ERROR_TABLES.reduce((n, p) => n + Object.keys(p).length, 0);
  assert.equal(Object.keys(ERRORS).length, total);
});

test('every error has a 4xx/5xx status and a message in all three languages', () => {
  for (const [code, e] of Object.entries(ERRORS)) {
    assert.ok(e.status >= 400 && e.status < 600, code);
    for (const l of ['zh-CN', 'zh-HK', 'en'] as const) assert.ok(e.text[l].trim().length > 0, `${code} ${l}`);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERRORS } from './errors.ts';
import { COMMON_ERRORS } from './errors/common.ts';
import { IMPORT_ERRORS } from './errors/imports.ts';
import { ORGANIZATION_ERRORS } from './errors/organizations.ts';
import { VOLUNTEER_ERRORS } from './errors/volunteers.ts';

test('no error code is defined in two domain tables (a spread would silently keep only one)', () => {
  const parts = [COMMON_ERRORS, ORGANIZATION_ERRORS, VOLUNTEER_ERRORS, IMPORT_ERRORS];
  const total = parts.reduce((n, p) => n + Object.keys(p).length, 0);
  assert.equal(Object.keys(ERRORS).length, total);
});

test('every error has a 4xx/5xx status and a message in all three languages', () => {
  for (const [code, e] of Object.entries(ERRORS)) {
    assert.ok(e.status >= 400 && e.status < 600, code);
    for (const l of ['zh-CN', 'zh-HK', 'en'] as const) assert.ok(e.text[l].trim().length > 0, `${code} ${l}`);
  }
});

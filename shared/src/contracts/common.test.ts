import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { base64, DateTime, IsoDate, multilineText, Password, text } from './common.ts';
import * as activities from './activities.ts';
import * as attendance from './attendance.ts';
import * as audit from './audit.ts';
import * as auth from './auth.ts';
import * as certificates from './certificates.ts';
import * as holidays from './holidays.ts';
import * as imports from './imports.ts';
import * as memberships from './memberships.ts';
import * as notifications from './notifications.ts';
import * as organizations from './organizations.ts';
import * as records from './records.ts';
import * as regions from './regions.ts';
import * as roles from './roles.ts';
import * as volunteers from './volunteers.ts';

const ok = (s: z.ZodType, v: unknown) => s.safeParse(v).success;

describe('text building blocks', () => {
  it('one-line text refuses NUL, other control characters and line breaks, and trims', () => {
    const t = text(1, 10);
    for (const bad of ['a\u0000', '\u0000', 'a\nb', 'a\tb', 'a\u001bb', 'a\u007fb', 'a\u0085b', '', '   '])
      assert.equal(ok(t, bad), false, JSON.stringify(bad));
    assert.equal(t.parse('  张三 '), '张三');
    assert.equal(ok(t, 'x'.repeat(11)), false);
    assert.equal(ok(t, '南山区·桃源街道 🙂'), true);
  });

  it('multi-line text keeps tabs and line breaks but refuses NUL and other controls', () => {
    const t = multilineText(0, 50);
    assert.equal(t.parse('第一段\r\n\t第二段\n'), '第一段\r\n\t第二段');
    for (const bad of ['a\u0000b', 'a\u0007b', 'a\u000bb', 'a\u000cb', 'a\u009bb'])
      assert.equal(ok(t, bad), false, JSON.stringify(bad));
    assert.equal(t.parse(''), '');
  });

  it('passwords are kept as typed (spaces count) and refuse only NUL', () => {
    assert.equal(Password.parse(' pass word '), ' pass word ');
    assert.equal(ok(Password, 'pass\u0000word'), false);
    assert.equal(ok(Password, ''), false);
  });

  it('base64 refuses anything but the alphabet', () => {
    assert.equal(ok(base64(4, 100), 'QUJD'), true);
    assert.equal(ok(base64(4, 100), 'QU\u0000JD'), false);
    assert.equal(ok(base64(4, 100), 'QUJD==='), false);
  });
});

describe('dates', () => {
  it('a day must exist on the calendar, from 1900', () => {
    for (const bad of [
      '2026-02-30',
      '2026-13-01',
      '2026-02-29',
      '2026-04-31',
      '2026-00-10',
      '0000-01-01',
      '1899-12-31',
      '2026-1-1',
      '2026-01-01T00:00:00Z',
    ])
      assert.equal(ok(IsoDate, bad), false, bad);
    for (const good of ['2024-02-29', '2000-02-29', '1900-01-01', '2026-12-31'])
      assert.equal(ok(IsoDate, good), true, good);
  });

  it('an instant needs its offset and a real day', () => {
    for (const bad of [
      '2026-02-30T10:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T10:00:00',
      '0000-01-01T00:00:00Z',
    ])
      assert.equal(ok(DateTime, bad), false, bad);
    for (const good of ['2026-02-28T23:59:59.999Z', '2026-03-01T08:00:00+08:00'])
      assert.equal(ok(DateTime, good), true, good);
  });
});

type Json = {
  type?: string | string[];
  properties?: Record<string, Json>;
  items?: Json;
  anyOf?: Json[];
  allOf?: Json[];
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
};

/** Paths of string fields that would take a NUL: no pattern refusing it, no enum, no strict format. */
function takesNul(s: Json | undefined, path: string): string[] {
  if (!s || s.enum || s.const !== undefined) return [];
  if (s.anyOf) return s.anyOf.flatMap((x, i) => takesNul(x, `${path}|${i}`));
  const types = ([] as string[]).concat(s.type ?? []);
  const out: string[] = [];
  if (types.includes('object'))
    for (const [k, v] of Object.entries(s.properties ?? {})) out.push(...takesNul(v, `${path}.${k}`));
  if (types.includes('array')) out.push(...takesNul(s.items, `${path}[]`));
  if (types.includes('string')) {
    const patterns = [s.pattern, ...(s.allOf ?? []).map((a) => a.pattern)].filter((p): p is string => !!p);
    const refused =
      ['uuid', 'date', 'date-time'].includes(s.format ?? '') ||
      patterns.some((p) => !new RegExp(p).test('a\u0000b') && !new RegExp(p).test('\u0000'));
    if (!refused) out.push(path);
  }
  return out;
}

describe('every input contract', () => {
  it('refuses a NUL in every string it takes (bodies, queries, path parameters)', () => {
    const modules = {
      activities,
      attendance,
      audit,
      auth,
      certificates,
      holidays,
      imports,
      memberships,
      notifications,
      organizations,
      records,
      regions,
      roles,
      volunteers,
    };
    const open: string[] = [];
    let checked = 0;
    for (const [mod, exports] of Object.entries(modules))
      for (const [name, schema] of Object.entries(exports)) {
        // Inputs are strict objects (unknown fields refused); outputs are plain objects.
        if (!(schema instanceof z.ZodObject) || !(schema.def.catchall instanceof z.ZodNever)) continue;
        checked++;
        const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
        open.push(...takesNul(json, `${mod}.${name}`));
      }
    assert.deepEqual(open, []);
    assert.ok(checked > 50, `${checked} input contracts`);
  });
});

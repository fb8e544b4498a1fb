/**
 * Bad input gets a 4xx, never a 500: control characters in text, impossible calendar days, uploads by
 * callers who may not make them (refused before the body is read), and bodies over a route's limit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { XLSX_MIME } from '@yiqi/shared/contracts/imports';
import { installErrorHandling } from './errors.ts';
import { createUser, signIn, startTestApp, type TestApp } from '../test/harness.ts';
import {
  api,
  createOrganizer,
  createVolunteer,
  type Organizer,
} from '../modules/activities/activities.testkit.ts';

let t: TestApp;
let org: Organizer;
let volunteerNo: string;
before(async () => {
  t = await startTestApp();
  org = await createOrganizer(t);
  const v = await createVolunteer(t);
  volunteerNo = (
    await t.handle.db
      .selectFrom('volunteers')
      .select('volunteer_no')
      .where('id', '=', v.id)
      .executeTakeFirstOrThrow()
  ).volunteer_no;
});
after(() => t.close());

describe('control characters in text', () => {
  test('a NUL byte in the public searches is a 400, not a 500', async () => {
    for (const url of ['/api/activities?q=%00', '/api/regions?q=%00', '/api/activities?q=a%00b']) {
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    }
  });

  test('a NUL byte in the login name is refused as input, not a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'fuzz\u0000name', password: 'whatever-1' },
    });
    assert.ok([400, 401].includes(res.statusCode), res.body);
  });

  test('control characters are refused in one-line text; multi-line text keeps tabs and line breaks', async () => {
    const base = `/api/organizations/${org.orgId}/trainings`;
    const body = {
      volunteerNo,
      name: '急救培训',
      content: '心肺复苏',
      minutes: 60,
      host: '红十字会',
      date: '2026-10-12',
    };
    for (const bad of [
      { name: '急救\u0000培训' },
      { name: '急救\u0007' },
      { host: 'a\nb' },
      { content: 'x\u001by' },
    ]) {
      const res = await api(t, org.cookie, 'POST', base, { ...body, ...bad });
      assert.equal(res.statusCode, 400, `${JSON.stringify(bad)}: ${res.body}`);
      const field = Object.keys(bad)[0]!;
      assert.ok(
        (res.json().error.details as { path: string }[]).some((d) => d.path.endsWith(field)),
        res.body,
      );
    }
    const ok = await api(t, org.cookie, 'POST', base, { ...body, content: '第一段\n\t第二段\r\n' });
    assert.equal(ok.statusCode, 200, ok.body);
  });
});

describe('impossible calendar days', () => {
  const bodies = {
    trainings: { name: '急救培训', content: '心肺复苏', minutes: 60, host: '红十字会' },
    awards: { name: '优秀志愿者', grantor: '文明办', grantType: 'organization' },
    evaluations: { quality: 'good' },
  };
  for (const [path, body] of Object.entries(bodies))
    test(`${path}: 2026-02-30, 2026-13-01 and 2026-02-29 are a 400 naming the date`, async () => {
      for (const date of ['2026-02-30', '2026-13-01', '2026-02-29', '0000-01-01']) {
        const res = await api(t, org.cookie, 'POST', `/api/organizations/${org.orgId}/${path}`, {
          volunteerNo,
          ...body,
          date,
        });
        assert.equal(res.statusCode, 400, `${date}: ${res.body}`);
        const error = res.json().error as { code: string; details: { path: string }[] };
        assert.equal(error.code, 'VALIDATION_FAILED');
        assert.ok(
          error.details.some((d) => d.path === 'body/date'),
          JSON.stringify(error.details),
        );
      }
      const leap = await api(t, org.cookie, 'POST', `/api/organizations/${org.orgId}/${path}`, {
        volunteerNo,
        ...body,
        date: '2024-02-29',
      });
      assert.equal(leap.statusCode, 200, leap.body);
    });
});

/** A body that counts how much of it the server pulled. */
function countingBody(total: number) {
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  const seen = { pulled: 0 };
  const stream = new Readable({
    read() {
      if (seen.pulled >= total) return void this.push(null);
      seen.pulled += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, seen };
}

describe('uploads', () => {
  const MB = 1024 * 1024;

  test('a plain volunteer’s 30 MB upload to an import is refused with 403 before the body is read', async () => {
    const plain = await signIn(t, await createUser(t, 'input.plain'));
    for (const kind of ['volunteers', 'members', 'records']) {
      const { stream, seen } = countingBody(30 * MB);
      const reason = kind === 'records' ? '&reason=%E8%A1%A5%E5%BD%95%E5%8F%B0%E8%B4%A6' : '';
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/imports/${kind}?orgId=${org.orgId}${reason}`,
        headers: { cookie: plain, 'content-type': XLSX_MIME, 'content-length': String(30 * MB) },
        payload: stream,
      });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().error.code, 'FORBIDDEN');
      // At most what the streams buffer ahead of a reader that never came.
      assert.ok(seen.pulled <= 256 * 1024, `${kind}: ${seen.pulled} bytes pulled`);
    }
  });

  test('an organization admin outside the organization is refused before the body is read', async () => {
    const other = await createOrganizer(t);
    const { stream, seen } = countingBody(30 * MB);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/imports/volunteers?orgId=${org.orgId}`,
      headers: { cookie: other.cookie, 'content-type': XLSX_MIME, 'content-length': String(30 * MB) },
      payload: stream,
    });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().error.code, 'OUT_OF_SCOPE');
    assert.ok(seen.pulled <= 256 * 1024, `${seen.pulled} bytes pulled`);
  });

  test('staff-only JSON uploads (back-fill evidence, seals) refuse a plain volunteer before the body is read', async () => {
    const plain = await signIn(t, await createUser(t, 'input.plain2'));
    for (const [method, url] of [
      ['POST', `/api/organizations/${org.orgId}/records/backfill`],
      ['PUT', `/api/organizations/${org.orgId}/certificate-seal`],
    ] as const) {
      const { stream, seen } = countingBody(10 * MB);
      const res = await t.app.inject({
        method,
        url,
        headers: { cookie: plain, 'content-type': 'application/json', 'content-length': String(10 * MB) },
        payload: stream,
      });
      assert.equal(res.statusCode, 403, `${url}: ${res.body}`);
      assert.ok(seen.pulled <= 256 * 1024, `${url}: ${seen.pulled} bytes pulled`);
    }
  });

  test('an allowed upload over the route’s limit is a 413 with a message saying the limit', async () => {
    const over = Buffer.alloc(40 * MB + 1, 0x41);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/imports/volunteers?orgId=${org.orgId}`,
      headers: { cookie: `${org.cookie}; yiqi_locale=en`, 'content-type': XLSX_MIME },
      payload: over,
    });
    assert.equal(res.statusCode, 413, res.body);
    const error = res.json().error as { code: string; message: string; details?: { limitBytes: number } };
    assert.equal(error.code, 'PAYLOAD_TOO_LARGE');
    assert.equal(error.details?.limitBytes, 40 * MB);
    assert.match(error.message, /too large/i);
    // A seal is at most 512 KB: its route takes no more than that (base64) and the JSON around it.
    const seal = await api(t, org.cookie, 'PUT', `/api/organizations/${org.orgId}/certificate-seal`, {
      seal: { mimeType: 'image/png', contentBase64: 'A'.repeat(900 * 1024) },
    });
    assert.equal(seal.statusCode, 413, seal.body);
  });

  test('rejected uploads do not grow the process: six plain-volunteer uploads of 30 MB', async () => {
    const plain = await signIn(t, await createUser(t, 'input.plain3'));
    global.gc?.();
    const before = process.memoryUsage();
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        const { stream } = countingBody(30 * MB);
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/imports/volunteers?orgId=${org.orgId}`,
          headers: { cookie: plain, 'content-type': XLSX_MIME, 'content-length': String(30 * MB) },
          payload: stream,
        });
        assert.equal(res.statusCode, 403);
      }),
    );
    const grown = process.memoryUsage().arrayBuffers - before.arrayBuffers;
    assert.ok(grown < 8 * MB, `array buffers grew by ${Math.round(grown / MB)} MB`);
  });
});

describe('the database refusing a value', () => {
  test('is a 400 INVALID_VALUE in the caller’s language, not a 500 (the safety net behind the contracts)', async () => {
    const app = Fastify();
    installErrorHandling(app);
    const db = t.handle.db;
    const cases: Record<string, () => Promise<unknown>> = {
      nul: () => sql`select ${'a\u0000b'}::text as v`.execute(db),
      day: () => sql`select ${'2026-02-30'}::date as v`.execute(db),
      month: () => sql`select ${'2026-13-01'}::date as v`.execute(db),
      year0: () => sql`select ${'0000-01-01'}::date as v`.execute(db),
      uuid: () => sql`select ${'not-a-uuid'}::uuid as v`.execute(db),
      int: () => sql`select ${'99999999999'}::int as v`.execute(db),
    };
    for (const [name, run] of Object.entries(cases))
      app.get(`/${name}`, async () => {
        await run();
        return { ok: true };
      });
    for (const name of Object.keys(cases)) {
      const res = await app.inject({ url: `/${name}` });
      assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
      assert.equal(res.json().error.code, 'INVALID_VALUE', name);
    }
    const boom = Fastify();
    installErrorHandling(boom);
    boom.get('/', async () => {
      await sql`select 1 / 0`.execute(db);
    });
    assert.equal((await boom.inject({ url: '/' })).statusCode, 500, 'a bug stays a 500');
    await app.close();
    await boom.close();
  });
});

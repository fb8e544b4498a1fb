import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { onPostgres } from '../../test/database.ts';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import {
  guardian,
  idNumber,
  NANSHAN,
  onBehalfBody,
  phone,
  registerVolunteer,
  VOLUNTEER_PASSWORD,
} from './volunteers.testkit.ts';

/** Personal numbers never reach the logs or the database files in clear. */

let t: TestApp;
let logs = '';
const secrets: string[] = [];
before(async () => {
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => (logs += c.toString('utf8')));
  t = await startTestApp({ logStream: stream });

  const g = guardian();
  const contact = phone();
  const self = await registerVolunteer(t, { docNumber: idNumber('20100707'), guardian: g });
  await t.app.inject({
    method: 'PATCH',
    url: '/api/me/volunteer',
    headers: { cookie: self.cookie },
    payload: { emergencyContact: { name: '紧急联系人', phone: contact } },
  });
  await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: self.body.phone, password: VOLUNTEER_PASSWORD },
  });
  await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: self.body.phone, password: 'Wrong-password-1' },
  });
  const admin = await signIn(t, await createUser(t, 'store.ns', { role: 'region_admin', region: NANSHAN }));
  const behalf = onBehalfBody();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/volunteers',
    headers: { cookie: admin },
    payload: behalf,
  });
  assert.equal(res.statusCode, 200, res.body);
  // A search by phone and a reveal: the values travel in bodies and are looked up by keyed hash.
  await t.app.inject({
    method: 'POST',
    url: `/api/volunteers/${self.volunteer.id}/reveal`,
    headers: { cookie: admin },
    payload: { field: 'docNumber', reason: '核对身份信息' },
  });
  for (const q of [self.body.phone, self.body.docNumber, behalf.phone]) {
    const found = await t.app.inject({
      method: 'POST',
      url: '/api/volunteers/search',
      headers: { cookie: admin },
      payload: { q },
    });
    assert.equal(found.json().total, 1);
  }
  secrets.push(self.body.docNumber, self.body.phone, g.phone, contact, behalf.docNumber, behalf.phone);
});
after(() => t.close());

test('the logs hold no document or phone number', () => {
  assert.ok(logs.includes('/api/volunteers/register'), 'requests were logged');
  for (const s of secrets) assert.ok(!logs.includes(s), `log leaks ${s.slice(0, 3)}…`);
});

const PG_DUMP = ['/usr/lib/postgresql/15/bin/pg_dump', '/usr/bin/pg_dump'].find((p) => existsSync(p));

test(
  'a pg_dump of the database holds no document or phone number in clear',
  { skip: !onPostgres() ? 'PostgreSQL only (DATABASE_URL)' : !PG_DUMP ? 'pg_dump not installed' : false },
  () => {
    const url = (t.handle as { url?: string }).url!;
    const dump = execFileSync(PG_DUMP!, ['--no-owner', '--dbname', url], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    assert.ok(dump.includes('COPY public.volunteers'), 'the dump has the volunteers table');
    for (const s of secrets) assert.ok(!dump.includes(s), `dump leaks ${s.slice(0, 3)}…`);
  },
);

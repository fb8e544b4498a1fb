import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { withUser, type OpenDatabase } from '../db/database.ts';
import { createUser, TEST_KEY, TEST_PASSWORD, testConfig, type TestApp } from '../test/harness.ts';
import { APP_ROLE, onPostgres, openTestDatabase } from '../test/database.ts';
import { currentTotp } from '../modules/auth/totp.ts';
import { bulkVolunteers } from '../modules/activities/bulk.testkit.ts';
import { rangeOf } from '../modules/activities/signups.repository.ts';

/**
 * Two API processes (`tsx server/src/main.ts` on two ports) on one PostgreSQL database and one Redis behave
 * as one: a session made on A works on B and a sign-out on A ends it on B; the login rate limit counts the
 * requests of both; a check-in code shown by A is accepted by B; a recurring job runs once. PostgreSQL
 * only (the embedded database belongs to one process). Each section comes from its own address
 * (TRUST_PROXY=1, X-Forwarded-For), so the login limit of one does not spend another's.
 */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LOGIN_LIMIT = 6;
const NANSHAN = '440305000000';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

interface Node {
  name: string;
  base: string;
  child: ChildProcess;
  output: () => string;
}

async function startNode(name: string, env: Record<string, string>): Promise<Node> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  // Polls until it answers (a bound on tries, not a time assertion).
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { name, base, child, output: () => out };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`node ${name} did not start:\n${out}`);
}

async function stopNode(n: Node) {
  if (n.child.exitCode !== null) return;
  const exited = new Promise((r) => n.child.once('exit', r));
  n.child.kill('SIGTERM');
  const timer = setTimeout(() => n.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A JSON request to a node, from the given client address. */
async function call(
  n: Node,
  ip: string,
  method: string,
  path: string,
  o: { cookie?: string; body?: unknown } = {},
) {
  const res = await fetch(`${n.base}${path}`, {
    method,
    headers: {
      'x-forwarded-for': ip,
      ...(o.cookie ? { cookie: o.cookie } : {}),
      ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
  });
  const text = await res.text();
  const cookie = /yiqi_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  return { status: res.status, text, json: () => JSON.parse(text), cookie: cookie && `yiqi_sid=${cookie}` };
}

describe('two API processes on one database', { skip: !onPostgres() && 'PostgreSQL only' }, () => {
  let handle: OpenDatabase & { url?: string };
  let t: TestApp;
  let a: Node;
  let b: Node;
  let dataDir: string;
  const prefix = `yiqi-test-${randomBytes(6).toString('hex')}:`;

  before(async () => {
    handle = await openTestDatabase();
    t = { handle, config: testConfig() } as TestApp;
    dataDir = mkdtempSync(join(tmpdir(), 'yiqi-two-nodes-'));
    const env = {
      DATABASE_URL: withUser(handle.url!, APP_ROLE),
      YIQI_APP_KEY: TEST_KEY,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      TRUST_PROXY: '1',
      LOGIN_RATE_PER_MINUTE: String(LOGIN_LIMIT),
      JOBS_POLL_MS: '200',
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      AUDIT_WITNESS_MINUTES: '0',
      LOAD_SHEDDING: '0',
    };
    [a, b] = await Promise.all([
      startNode('A', { ...env, YIQI_DATA_DIR: join(dataDir, 'a') }),
      startNode('B', { ...env, YIQI_DATA_DIR: join(dataDir, 'b') }),
    ]);
  });

  after(async () => {
    await Promise.all([a && stopNode(a), b && stopNode(b)]);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await handle?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a session made on A works on B; signing out on A ends it on B', async () => {
    const ip = '10.0.0.1';
    const user = await createUser(t, 'twonodes.v');
    const login = await call(a, ip, 'POST', '/api/auth/login', {
      body: { username: user.username, password: TEST_PASSWORD },
    });
    assert.equal(login.status, 200, login.text);
    const cookie = login.cookie!;
    const me = await call(b, ip, 'GET', '/api/me', { cookie });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json().username, user.username);
    assert.equal((await call(a, ip, 'POST', '/api/auth/logout', { cookie })).status, 200);
    assert.equal((await call(b, ip, 'GET', '/api/me', { cookie })).status, 401);
  });

  test('the login rate limit counts the requests sent to both', async () => {
    const ip = '10.0.0.2';
    const statuses: number[] = [];
    // Alternating A, B: in-process counters would allow LOGIN_LIMIT on each, 2 × LOGIN_LIMIT in all.
    for (let i = 0; i < LOGIN_LIMIT + 2; i++) {
      const node = i % 2 === 0 ? a : b;
      const r = await call(node, ip, 'POST', '/api/auth/login', {
        body: { username: `nobody${i}`, password: 'wrong-password-1' },
      });
      statuses.push(r.status);
    }
    assert.deepEqual(statuses, [...Array(LOGIN_LIMIT).fill(401), 429, 429]);
    // Another address has its own count.
    const other = await call(b, '10.0.0.3', 'POST', '/api/auth/login', {
      body: { username: 'nobody', password: 'wrong-password-1' },
    });
    assert.equal(other.status, 401);
  });

  test('a check-in code shown by A is accepted by B', async () => {
    const ip = '10.0.0.4';
    const db = handle.db;
    const org = await db
      .insertInto('organizations')
      .values({ name: '双节点测试队', region_code: NANSHAN, status: 'approved' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const admin = await createUser(t, 'twonodes.admin', { role: 'org_admin', orgId: org.id });
    const startsAt = new Date(Date.now() + 10 * 60_000);
    const endsAt = new Date(startsAt.getTime() + 2 * 3600_000);
    const act = await db
      .insertInto('activities')
      .values({
        org_id: org.id,
        title: '双节点签到',
        description: '测试',
        category: 'community',
        region_code: NANSHAN,
        address: '深圳市南山区深圳湾公园',
        lat: 22.5,
        lng: 113.95,
        starts_at: startsAt,
        ends_at: endsAt,
        contact_name: '王联系',
        person_in_charge: '李负责',
        status: 'published',
        published_at: new Date(),
        created_by: admin.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pos = await db
      .insertInto('positions')
      .values({ activity_id: act.id, name: '引导员', duties: '引导参与者' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const shift = await db
      .insertInto('shifts')
      .values({ position_id: pos.id, activity_id: act.id, starts_at: startsAt, ends_at: endsAt, quota: 5 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [vol] = await bulkVolunteers(db, 1, new Date());
    await db
      .insertInto('signups')
      .values({
        shift_id: shift.id,
        position_id: pos.id,
        activity_id: act.id,
        volunteer_id: vol!.volunteerId,
        status: 'accepted',
        shift_range: rangeOf(startsAt, endsAt),
      })
      .execute();

    const login = await call(a, ip, 'POST', '/api/auth/login', {
      body: { username: admin.username, password: TEST_PASSWORD },
    });
    assert.equal(login.status, 200, login.text);
    const verify = await call(a, ip, 'POST', '/api/auth/totp/verify', {
      cookie: login.cookie!,
      body: { code: currentTotp(admin.totpSecret!, new Date()) },
    });
    assert.equal(verify.status, 200, verify.text);
    const qr = await call(a, ip, 'GET', `/api/activities/${act.id}/shifts/${shift.id}/qr`, {
      cookie: verify.cookie!,
    });
    assert.equal(qr.status, 200, qr.text);
    const checkin = await call(b, ip, 'POST', '/api/checkins', {
      cookie: vol!.cookie,
      body: { token: qr.json().token },
    });
    assert.equal(checkin.status, 200, checkin.text);
    const rows = await db.selectFrom('attendances').select('id').where('shift_id', '=', shift.id).execute();
    assert.equal(rows.length, 1);
  });

  test('a recurring job runs once across both', async () => {
    // Both poll every 200 ms and insert the current period of every recurring job; one run per period.
    let rows: {
      name: string;
      key: string | null;
      status: string;
      attempts: number;
      locked_by: string | null;
    }[] = [];
    for (let i = 0; i < 300; i++) {
      rows = await handle.db
        .selectFrom('jobs')
        .select(['name', 'key', 'status', 'attempts', 'locked_by'])
        .where('key', 'is not', null)
        .execute();
      if (rows.length > 0 && rows.every((r) => r.status === 'done')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(rows.length > 0, 'the recurring jobs of the current period were scheduled');
    const perPeriod = new Map<string, number>();
    for (const r of rows) perPeriod.set(`${r.name}|${r.key}`, (perPeriod.get(`${r.name}|${r.key}`) ?? 0) + 1);
    for (const [k, n] of perPeriod) assert.equal(n, 1, `${k} scheduled once`);
    for (const r of rows) {
      assert.equal(r.status, 'done', `${r.name} ${r.key}`);
      assert.equal(r.attempts, 1, `${r.name} ${r.key} ran once`);
    }
    assert.ok(a.child.exitCode === null && b.child.exitCode === null, 'both nodes are up');
  });
});

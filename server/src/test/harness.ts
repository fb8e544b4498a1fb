import { Writable } from 'node:stream';
import { mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '@yiqi/shared/roles';
import { buildApp, type App } from '../app.ts';
import { loadConfig, type Config } from '../lib/config.ts';
import { encrypt } from '../lib/crypto.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { currentTotp, newTotpSecret } from '../modules/auth/totp.ts';
import type { OpenDatabase } from '../db/database.ts';
import { CapturingOtpChannel } from '../modules/auth/otp-channel.ts';
import { openTestDatabase } from './database.ts';

export const TEST_PASSWORD = 'Test-password-1';
export const TEST_KEY = Buffer.alloc(32, 7).toString('base64');

/** A clock tests move by hand; starts at a fixed instant so expiry rules are exact. */
export class TestClock {
  constructor(public t = Date.parse('2026-11-22T02:00:00Z')) {}
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t += ms;
  }
}

export interface TestApp {
  app: App;
  handle: OpenDatabase;
  config: Config;
  clock: TestClock;
  /** The one-time codes the app sent (instead of SMS). */
  otp: CapturingOtpChannel;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    YIQI_APP_KEY: TEST_KEY,
    LOGIN_RATE_PER_MINUTE: '100000',
    // Many tests register volunteers from one address; the recovery tests set their own limits.
    OTP_PER_IP_PER_HOUR: '100000',
    OTP_PER_IDENTIFIER_PER_HOUR: '1000',
    // No polling: tests that need jobs run them with `app.jobs.tick()` (or set JOBS_POLL_MS).
    JOBS_POLL_MS: '0',
    // The audit sequencer's job would add a run to every tick of a new period (tests counting runs);
    // verify and the audit tests sequence synchronously, and the sequencer's own test turns it on.
    AUDIT_SEQUENCE_SECONDS: '0',
    // Tests send bursts of parallel requests to PGlite's one connection on purpose; the shedding tests
    // turn it on with limits of their own.
    LOAD_SHEDDING: '0',
    ...overrides,
  });
}

export async function startTestApp(
  options: {
    env?: Record<string, string>;
    logger?: boolean;
    logStream?: NodeJS.WritableStream;
    webDist?: string;
  } = {},
): Promise<TestApp> {
  const handle = await openTestDatabase();
  const config = testConfig(options.env);
  const clock = new TestClock();
  const otp = new CapturingOtpChannel();
  const logStream = tee(options.logStream, runLog());
  const app = await buildApp({
    db: handle.db,
    config,
    clock: clock.now,
    otpChannel: otp,
    dbWaiting: handle.waiting,
    dbOldestWaitMs: handle.oldestWaitMs,
    ...(logStream ? { logStream } : {}),
    ...(options.webDist ? { webDist: options.webDist } : {}),
  });
  await app.ready();
  return {
    app,
    handle,
    config,
    clock,
    otp,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

let runLogStream: NodeJS.WritableStream | undefined;
/**
 * The whole test run's server log (YIQI_TEST_LOG_DIR, set by scripts/run-tests.mjs): one file per test
 * process, which scripts/scan-personal-data.mjs searches for personal data and secrets after the run.
 */
function runLog(): NodeJS.WritableStream | undefined {
  const dir = process.env.YIQI_TEST_LOG_DIR;
  if (!dir) return undefined;
  if (!runLogStream) {
    mkdirSync(dir, { recursive: true });
    // Written synchronously: a test process exits as soon as its tests end, and the scan must see it all.
    const fd = openSync(join(dir, `server-${process.pid}.log`), 'a');
    runLogStream = new Writable({
      write(chunk, _enc, done) {
        writeSync(fd, chunk as Buffer);
        done();
      },
    });
  }
  return runLogStream;
}

/** A test's own log stream (it reads what was logged) and the run's log file both get every line. */
function tee(
  a: NodeJS.WritableStream | undefined,
  b: NodeJS.WritableStream | undefined,
): NodeJS.WritableStream | undefined {
  if (!a || !b) return a ?? b;
  return new Writable({
    write(chunk, _enc, done) {
      b.write(chunk);
      a.write(chunk, done);
    },
  });
}

let passwordHash: Promise<string> | undefined;
const testHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

export interface TestUser {
  id: string;
  username: string;
  totpSecret?: string;
}

/** Creates an account directly in the database, optionally with a role and an enrolled authenticator. */
export async function createUser(
  t: TestApp,
  username: string,
  opts: { role?: Role; region?: string; orgId?: string; totp?: boolean } = {},
): Promise<TestUser> {
  const db = t.handle.db;
  const secret = opts.totp || opts.role ? newTotpSecret() : undefined;
  const user = await db
    .insertInto('users')
    .values({
      username,
      display_name: `测试 ${username}`,
      password_hash: await testHash(),
      totp_secret_enc: secret ? encrypt(t.config.appKey, secret) : null,
      totp_enabled_at: secret ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (opts.role) {
    await db
      .insertInto('role_grants')
      .values({
        user_id: user.id,
        role: opts.role,
        region_code: opts.orgId ? null : (opts.region ?? '440305000000'),
        org_id: opts.orgId ?? null,
      })
      .execute();
  }
  return { id: user.id, username, ...(secret ? { totpSecret: secret } : {}) };
}

export async function createOrganization(t: TestApp, name: string, region: string): Promise<string> {
  const row = await t.handle.db
    .insertInto('organizations')
    .values({ name, region_code: region })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Signs in through the API (and passes the second factor when the user has one); returns the cookie. */
export async function signIn(t: TestApp, user: TestUser, opts: { mfa?: boolean } = {}): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200)
    throw new Error(`login of ${user.username} failed: ${res.statusCode} ${res.body}`);
  const cookie = `yiqi_sid=${res.cookies.find((c) => c.name === 'yiqi_sid')!.value}`;
  if (user.totpSecret && opts.mfa !== false) {
    // Each code is single-use per user, so step the clock past the last one first.
    t.clock.advance(30_000);
    const v = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/verify',
      headers: { cookie },
      payload: { code: currentTotp(user.totpSecret, t.clock.now()) },
    });
    if (v.statusCode !== 200) throw new Error(`totp of ${user.username} failed: ${v.statusCode} ${v.body}`);
    // Passing the second factor moves the session to a new token.
    return `yiqi_sid=${v.cookies.find((c) => c.name === 'yiqi_sid')!.value}`;
  }
  return cookie;
}

export async function auditRows(t: TestApp, action?: string) {
  let q = t.handle.db.selectFrom('audit_log').selectAll().orderBy('id');
  if (action) q = q.where('action', '=', action);
  return q.execute();
}

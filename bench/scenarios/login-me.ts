// Scenario "login-me": POST /api/auth/login and GET /api/me through the API (autocannon), and the same
// SQL through pgbench (login-me.login.sql, login-me.me.sql) on the same database.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { DEMO_PASSWORD } from '../../server/src/demo/demo.seed.ts';
import { verifyPassword } from '../../server/src/modules/auth/password.ts';
import {
  runAutocannon,
  runPgbench,
  startApi,
  withBenchDatabase,
  type PhaseResult,
  type Scenario,
} from '../lib.ts';

/** Accounts bench1…benchN: logins rotate over them, so no row is hot and none can lock. */
const USERS = 200;
/** The API logs in as this role; pgbench sets it too. */
const APP_ROLE = 'yiqi_app';
const script = (name: string) => fileURLToPath(new URL(`./login-me.${name}.sql`, import.meta.url));
/** Session n belongs to benchN; authenticate() wants 20 to 100 characters. */
const token = (n: number) => `yiqi-bench-session-${n}`;

/**
 * argon2id verifications per second with `parallel` checks in flight (they run on libuv's thread pool):
 * 1 gives one core's worth of login password checks.
 */
async function argon2PerSecond(hash: string, seconds: number, parallel: number): Promise<number> {
  const start = performance.now();
  let n = 0;
  const loop = async () => {
    while (performance.now() - start < seconds * 1000) {
      if (!(await verifyPassword(hash, DEMO_PASSWORD))) throw new Error('demo password does not verify');
      n++;
    }
  };
  await Promise.all(Array.from({ length: parallel }, loop));
  return n / ((performance.now() - start) / 1000);
}

export const loginMe: Scenario = {
  name: 'login-me',
  description: 'login (argon2id + session + audit row), then a read of the current user',
  run: (o) =>
    withBenchDatabase(o.adminUrl, async ({ url, handle }) => {
      const db = handle.db;
      // Same hash (same argon2 cost) as the demo volunteer, who has no role grants like these users.
      await sql`INSERT INTO users (username, display_name, password_hash)
        SELECT 'bench' || n, 'Bench user ' || n, (SELECT password_hash FROM users WHERE username = 'volunteer')
        FROM generate_series(1, ${USERS}::int) n`.execute(db);
      const { password_hash: hash } = await db
        .selectFrom('users')
        .select('password_hash')
        .where('username', '=', 'bench1')
        .executeTakeFirstOrThrow();
      const cores = availableParallelism();
      const argon2 = await argon2PerSecond(hash, Math.min(3, o.seconds), 1);
      // Measured too, because on a busy machine the cores are not all free.
      const argon2AllCores = await argon2PerSecond(hash, Math.min(3, o.seconds), cores);

      const api = await startApi(url);
      try {
        let i = 0;
        const next = () => (i++ % USERS) + 1;
        const loginApi = await runAutocannon({
          origin: api.origin,
          seconds: o.seconds,
          connections: o.connections,
          requests: [
            {
              method: 'POST',
              path: '/api/auth/login',
              headers: { 'content-type': 'application/json' },
              setupRequest: (req) => ({
                ...req,
                body: JSON.stringify({ username: `bench${next()}`, password: DEMO_PASSWORD }),
              }),
            },
          ],
        });
        const pgbench = (name: string) =>
          runPgbench({
            databaseUrl: url,
            script: script(name),
            seconds: o.seconds,
            clients: o.connections,
            variables: { users: USERS },
            role: APP_ROLE,
          });
        const loginSql = await pgbench('login');

        // One session per bench user, as insertSession writes them, with tokens pgbench can recompute.
        // Seen just now, so authenticate() skips its once-a-minute touchSession during the run.
        await sql`INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
          SELECT sha256(convert_to('yiqi-bench-session-' || n, 'UTF8')), u.id, now(), now(), now() + interval '12 hours'
          FROM generate_series(1, ${USERS}::int) n JOIN users u ON u.username = 'bench' || n`.execute(db);
        const meApi = await runAutocannon({
          origin: api.origin,
          seconds: o.seconds,
          connections: o.connections,
          requests: [
            {
              method: 'GET',
              path: '/api/me',
              setupRequest: (req) => ({
                ...req,
                headers: { ...req.headers, cookie: `yiqi_sid=${token(next())}` },
              }),
            },
          ],
        });
        const meSql = await pgbench('me');

        // The API cannot log in faster than SQL allows, nor faster than the cores can check passwords.
        const ceiling = Math.min(loginSql.tps, argon2 * cores);
        const f = (v: number) => v.toFixed(1);
        const results: PhaseResult[] = [
          {
            scenario: 'login-me',
            phase: 'login',
            api: loginApi,
            sql: loginSql,
            ratio: loginApi.reqPerSec / loginSql.tps,
            extra: {
              argon2PerSecOneCore: argon2,
              argon2PerSecAllCores: argon2AllCores,
              cores,
              expectedApiCeiling: ceiling,
            },
            note:
              `expected API ≈ min(SQL ${f(loginSql.tps)} tps, argon2 ${f(argon2)}/s × ${cores} cores) = ${f(ceiling)}/s; ` +
              `measured ${f(loginApi.reqPerSec)}/s (${f((100 * loginApi.reqPerSec) / ceiling)} %); ` +
              `argon2 with ${cores} in parallel: ${f(argon2AllCores)}/s`,
          },
          { scenario: 'login-me', phase: 'me', api: meApi, sql: meSql, ratio: meApi.reqPerSec / meSql.tps },
        ];
        return results;
      } finally {
        await api.stop();
      }
    }),
};

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { sha256 } from '../lib/crypto.ts';
import { onPostgres } from '../test/database.ts';
import {
  createUser,
  signIn,
  startTestApp,
  type TestApp,
  type TestUser,
  TEST_PASSWORD,
} from '../test/harness.ts';

/**
 * The server survives its database: a failover or a proxy timeout ends the API's connections, in the
 * middle of requests and transactions. Only the requests that used a lost connection fail (503, never
 * 500), the pool replaces it, the process stays up, and every write the API acknowledged is stored.
 * PostgreSQL only: PGlite runs in the process and has no connections to lose.
 */
const skip = !onPostgres() ? 'PostgreSQL only (DATABASE_URL)' : false;
let t: TestApp;
let admin: pg.Client;
let user: TestUser;
let cookie: string;
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => void uncaught.push(e);

describe('losing database connections under load', { skip }, () => {
  before(async () => {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    t = await startTestApp();
    user = await createUser(t, 'burst');
    cookie = await signIn(t, user);
    // A separate connection as the owner, like an operator or a failover would end the app's backends.
    admin = new pg.Client({ connectionString: (t.handle as { url?: string }).url! });
    await admin.connect();
  });
  after(async () => {
    await admin?.end();
    await t?.close();
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
  });

  /** Ends every backend of the app's database except the admin's own. */
  async function terminateApp(): Promise<number> {
    const r = await admin.query(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return r.rows[0].n;
  }

  it('fails at most the requests on a lost connection (503), stays up, and keeps acknowledged writes', async () => {
    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let terminated = 0;
    for (let round = 0; round < 5; round++) {
      const burst = Array.from({ length: 30 }, (_, i) => {
        // Writes (sign-in: a session row and an audit row in one transaction) between reads.
        if (i % 3 === 0)
          return t.app
            .inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username: user.username, password: TEST_PASSWORD },
            })
            .then((res) => {
              if (res.statusCode === 200)
                acknowledged.push(res.cookies.find((c) => c.name === 'yiqi_sid')!.value);
              return res;
            });
        if (i % 3 === 1)
          return t.app.inject({
            method: 'PUT',
            url: '/api/me/locale',
            headers: { cookie },
            payload: { locale: 'en' },
          });
        return t.app.inject({ method: 'GET', url: '/api/regions?parent=440300000000', headers: { cookie } });
      });
      await delay(15 + round * 20);
      terminated += await terminateApp();
      for (const res of await Promise.all(burst)) {
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500) assert.equal(res.statusCode, 503, res.body);
        if (res.statusCode === 503) assert.equal(res.json().error.code, 'SERVICE_UNAVAILABLE');
      }
      // Let the pool notice its dead idle connections before the next round.
      await delay(50);
    }
    assert.ok(terminated > 0, 'the test ended no backend');
    assert.deepEqual(uncaught, [], 'an uncaught exception or rejection escaped');

    // Later requests succeed: the pool replaced the lost connections.
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    assert.equal(me.statusCode, 200, me.body);
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);

    // Every acknowledged sign-in is stored.
    assert.ok(acknowledged.length > 0, `no sign-in succeeded: ${JSON.stringify([...statuses])}`);
    const stored = await admin.query(`SELECT token_hash FROM sessions WHERE token_hash = ANY($1)`, [
      acknowledged.map((token) => sha256(token)),
    ]);
    assert.equal(stored.rowCount, acknowledged.length);
  });
});

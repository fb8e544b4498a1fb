// Scenario "timebank-transfers": BENCH_TB_TRANSFERS (20,000) time-bank transfers through the API
// (POST /api/me/timebank/transfers, each with an Idempotency-Key; every tenth request re-sends the one
// before it, a replay) from BENCH_TB_PEOPLE (2,000) volunteers at BENCH_TB_CONNECTIONS (32) connections,
// 90 % to their registered family and 10 % to the one donation pool (a hot row). Afterwards the ledger is
// checked: the scheme sums to zero, no balance is negative, every cached balance equals its entries, one
// transfer per key. Two SQL sides by pgbench, the same number of transfers: the statements one transfer
// sends (authenticate() and transfer() captured with Kysely's log option, a fresh key per transaction),
// and the minimal double-entry transaction (timebank-transfers.minimal.sql).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from '../../server/src/db/database.ts';
import { loadConfig } from '../../server/src/lib/config.ts';
import { authenticate } from '../../server/src/modules/auth/auth.service.ts';
import { transfer } from '../../server/src/modules/timebank/timebank.service.ts';
import {
  runAutocannon,
  runPgbench,
  startApi,
  withBenchDatabase,
  type PhaseResult,
  type Scenario,
} from '../lib.ts';
import { openCapture, scriptLine, swapper, writeScript } from '../sql.ts';
import {
  APP_ROLE,
  describe,
  goal,
  personVariables,
  verify,
  volunteers,
  type Check,
  type Person,
} from './activities.ts';

const TRANSFERS = Number(process.env.BENCH_TB_TRANSFERS ?? 20000);
const PEOPLE = Number(process.env.BENCH_TB_PEOPLE ?? 2000);
const CONNECTIONS = Number(process.env.BENCH_TB_CONNECTIONS ?? 32);
const MINIMAL_SQL = fileURLToPath(new URL('./timebank-transfers.minimal.sql', import.meta.url));

interface Holder extends Person {
  own: string;
  fam: string;
}

/** A Shenzhen scheme without cap or threshold, PEOPLE volunteers with 1,000,000 points and a family account each. */
async function prepare(db: Database, tag: string) {
  const scheme = (
    await db
      .insertInto('timebank_schemes')
      .values({
        region_code: '440300000000',
        name: '基准时间银行',
        spend_threshold_minutes: 0,
        balance_cap: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('timebank_accounts')
    .values(
      (['issuance', 'pool', 'grant_fund', 'services'] as const).map((kind) => ({ scheme_id: scheme, kind })),
    )
    .execute();
  const issuance = (
    await db
      .selectFrom('timebank_accounts')
      .select('id')
      .where('scheme_id', '=', scheme)
      .where('kind', '=', 'issuance')
      .executeTakeFirstOrThrow()
  ).id;
  const people = await volunteers(db, PEOPLE + 1, `t${tag}`);
  const holders: Holder[] = [];
  for (let i = 0; i < people.length; i += 500) {
    const slice = people.slice(i, i + 500);
    const own = await db
      .insertInto('timebank_accounts')
      .values(
        slice.map((p) => ({ scheme_id: scheme, kind: 'volunteer' as const, volunteer_id: p.volunteerId })),
      )
      .returning('id')
      .execute();
    const fam = await db
      .insertInto('timebank_accounts')
      .values(
        slice.map((p) => ({
          scheme_id: scheme,
          kind: 'family' as const,
          volunteer_id: p.volunteerId,
          label: '家人',
          relation: 'parent' as const,
        })),
      )
      .returning('id')
      .execute();
    await db
      .insertInto('timebank_transfers')
      .values(
        own.map((o) => ({
          scheme_id: scheme,
          debit_account_id: issuance,
          credit_account_id: o.id,
          amount: 1_000_000,
          kind: 'deposit' as const,
          at: new Date(),
        })),
      )
      .execute();
    slice.forEach((p, j) => holders.push({ ...p, own: own[j]!.id, fam: fam[j]!.id }));
  }
  // The prepared senders pgbench takes in turn, and a sequence for fresh idempotency keys.
  await sql`CREATE TABLE bench_tb (n int PRIMARY KEY, th bytea, uid uuid, uname text, vid uuid, own uuid, fam uuid)`.execute(
    db,
  );
  const hashes = await sql<{
    user_id: string;
    token_hash: Buffer;
  }>`SELECT user_id, token_hash FROM sessions`.execute(db);
  const th = new Map(hashes.rows.map((r) => [r.user_id, r.token_hash]));
  for (let i = 0; i < holders.length; i += 500)
    await sql`INSERT INTO bench_tb ${sql.raw('(n, th, uid, uname, vid, own, fam)')} VALUES ${sql.join(
      holders
        .slice(i, i + 500)
        .map(
          (h, j) =>
            sql`(${i + j + 1}, ${th.get(h.userId)!}, ${h.userId}, ${h.username}, ${h.volunteerId}, ${h.own}, ${h.fam})`,
        ),
    )}`.execute(db);
  await sql`CREATE SEQUENCE bench_tb_seq`.execute(db);
  await sql`CREATE SEQUENCE bench_tb_key`.execute(db);
  await sql
    .raw(
      `GRANT SELECT ON bench_tb TO ${APP_ROLE}; GRANT USAGE ON SEQUENCE bench_tb_seq, bench_tb_key TO ${APP_ROLE}`,
    )
    .execute(db);
  // bench_min: copies of the two ledger tables without triggers or foreign keys, for the minimal transaction.
  await sql`CREATE SCHEMA bench_min`.execute(db);
  await sql`CREATE TABLE bench_min.timebank_accounts (LIKE public.timebank_accounts INCLUDING ALL)`.execute(
    db,
  );
  await sql`CREATE TABLE bench_min.timebank_transfers (LIKE public.timebank_transfers INCLUDING ALL)`.execute(
    db,
  );
  await sql`INSERT INTO bench_min.timebank_accounts SELECT * FROM timebank_accounts`.execute(db);
  await sql
    .raw(
      `GRANT USAGE ON SCHEMA bench_min TO ${APP_ROLE}; GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA bench_min TO ${APP_ROLE}`,
    )
    .execute(db);
  await sql`ANALYZE`.execute(db);
  return { scheme, capturer: holders.pop()!, holders };
}

async function ledgerChecks(db: Database, scheme: string) {
  const r = await sql<{ sum: number; negative: number; mismatched: number; moved: number; keys: number }>`
    WITH d AS (
      SELECT account, sum(delta) AS derived FROM (
        SELECT debit_account_id AS account, -amount::bigint AS delta FROM timebank_transfers
        UNION ALL SELECT credit_account_id, amount::bigint FROM timebank_transfers) m GROUP BY account)
    SELECT (SELECT sum(balance)::bigint FROM timebank_accounts WHERE scheme_id = ${scheme}) AS sum,
      (SELECT count(*)::int FROM timebank_accounts WHERE kind <> 'issuance' AND balance < 0) AS negative,
      (SELECT count(*)::int FROM timebank_accounts a LEFT JOIN d ON d.account = a.id
        WHERE a.balance <> coalesce(d.derived, 0)) AS mismatched,
      (SELECT count(*)::int FROM timebank_transfers WHERE kind IN ('family', 'donation')) AS moved,
      (SELECT count(*)::int FROM timebank_idempotency) AS keys`.execute(db);
  const x = r.rows[0]!;
  return { sum: Number(x.sum), negative: x.negative, mismatched: x.mismatched, moved: x.moved, keys: x.keys };
}

export const timebankTransfers: Scenario = {
  name: 'timebank-transfers',
  description: `${TRANSFERS.toLocaleString('en')} time-bank transfers (10 % replays) from ${PEOPLE} volunteers at ${CONNECTIONS} connections`,
  run: (o) =>
    withBenchDatabase(o.adminUrl, async ({ url, handle }) => {
      const db = handle.db;
      const appKey = randomBytes(32);
      const config = loadConfig({ YIQI_APP_KEY: appKey.toString('base64') });
      const tag = randomBytes(3).toString('hex');
      const t0 = performance.now();
      const { scheme, capturer, holders } = await prepare(db, tag);
      console.log(
        `   ${holders.length + 1} volunteers with accounts in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      const dir = await mkdtemp(join(tmpdir(), 'yiqi-tb-'));
      let api: Awaited<ReturnType<typeof startApi>> | undefined;
      try {
        // The statements of one family transfer, as authenticate() and transfer() send them.
        const capture = openCapture(url, config);
        const key = randomUUID();
        const actor = await authenticate(capture.ctx, capturer.cookie.slice('yiqi_sid='.length));
        await transfer({ ...capture.ctx, actor }, key, {
          fromAccountId: capturer.own,
          to: { kind: 'family', accountId: capturer.fam },
          amount: 1,
        });
        const statements = capture.take();
        await capture.close();
        const swap = swapper({
          ...personVariables(capturer),
          [capturer.own]: 'own',
          [capturer.fam]: 'fam',
          [key]: 'ikey',
        });
        const apiScript = join(dir, 'transfer.sql');
        await writeScript(
          apiScript,
          [
            `-- POST /api/me/timebank/transfers: the statements of one transfer, captured with Kysely's log option`,
            `SELECT th, uid, uname, vid, own, fam, 'pgb-' || nextval('bench_tb_key') AS ikey FROM bench_tb WHERE n = (SELECT nextval('bench_tb_seq') % ${PEOPLE} + 1) \\gset`,
            ...statements.map((q) => scriptLine(q, swap)),
          ].join('\n') + '\n',
        );
        console.log(`   one transfer: ${statements.map(describe).join(', ')}`);

        api = await startApi(url, { env: { YIQI_APP_KEY: appKey.toString('base64') } });
        let i = 0;
        let previous: { cookie: string; key: string; body: string } | undefined;
        const outcomes = new Map<string, number>();
        const http = await runAutocannon({
          origin: api.origin,
          connections: CONNECTIONS,
          amount: TRANSFERS,
          requests: [
            {
              method: 'POST',
              path: '/api/me/timebank/transfers',
              setupRequest: (req: object) => {
                const n = i++;
                let r = previous;
                if (!r || n % 10 !== 9) {
                  const h = holders[n % holders.length]!;
                  const to = n % 10 === 3 ? { kind: 'pool' } : { kind: 'family', accountId: h.fam };
                  r = {
                    cookie: h.cookie,
                    key: randomUUID(),
                    body: JSON.stringify({ fromAccountId: h.own, to, amount: 1 }),
                  };
                }
                previous = r;
                return {
                  ...req,
                  body: r.body,
                  headers: { 'content-type': 'application/json', cookie: r.cookie, 'idempotency-key': r.key },
                };
              },
              onResponse: (status: number) =>
                outcomes.set(String(status), (outcomes.get(String(status)) ?? 0) + 1),
            },
          ],
        });
        const afterApi = await ledgerChecks(db, scheme);
        const replays = Math.floor(TRANSFERS / 10);
        const perClient = Math.ceil(TRANSFERS / CONNECTIONS);
        const apiSql = await runPgbench({
          databaseUrl: url,
          script: apiScript,
          transactions: perClient,
          clients: CONNECTIONS,
          role: APP_ROLE,
        });
        await sql`ALTER SEQUENCE bench_tb_seq RESTART`.execute(db);
        const minimal = await runPgbench({
          databaseUrl: url,
          script: MINIMAL_SQL,
          transactions: perClient,
          clients: CONNECTIONS,
          role: APP_ROLE,
          variables: { people: PEOPLE, scheme },
        });
        const afterSql = await ledgerChecks(db, scheme);
        console.log(
          `\n   API: ${http.total} requests in ${http.seconds!.toFixed(1)} s; responses ${JSON.stringify(Object.fromEntries(outcomes))}`,
        );
        const checks: Check[] = [
          ['API 2xx responses', http.total - http.non2xx - http.errors, TRANSFERS],
          [
            'transfers made by the API (one per key; replays add none)',
            afterApi.moved,
            TRANSFERS - replays + 1,
          ],
          ['idempotency keys stored', afterApi.keys, TRANSFERS - replays + 1],
          ['scheme sums to 0 (conserved)', afterApi.sum, 0],
          ['negative balances', afterApi.negative, 0],
          ['cached ≠ derived balances (unbalanced)', afterApi.mismatched, 0],
          ['pgbench API SQL failed transactions', apiSql.failed, 0],
          ['minimal failed transactions', minimal.failed, 0],
          ['after pgbench: cached ≠ derived', afterSql.mismatched, 0],
        ];
        verify('checks', checks);
        const ratio = http.reqPerSec / apiSql.tps;
        const ofMinimal = http.reqPerSec / minimal.tps;
        const row: PhaseResult = {
          scenario: 'timebank-transfers',
          phase: `transfer×${CONNECTIONS}`,
          api: http,
          sql: apiSql,
          ratio,
          minimal,
          extra: {
            connections: CONNECTIONS,
            transfers: TRANSFERS,
            replays,
            people: PEOPLE,
            apiOfMinimal: ofMinimal,
            sqlOfMinimal: apiSql.tps / minimal.tps,
          },
          note: [
            `${TRANSFERS} transfers (${replays} replays) in ${http.seconds!.toFixed(1)} s at ${CONNECTIONS} connections; pgbench ${perClient} × ${CONNECTIONS} each`,
            `rates: API ${http.reqPerSec.toFixed(1)}/s, pgbench API SQL ${apiSql.tps.toFixed(1)} tps, pgbench minimal ${minimal.tps.toFixed(1)} tps`,
            `ratios: API / its SQL ${(ratio * 100).toFixed(1)} %, API / minimal ${(ofMinimal * 100).toFixed(1)} %, API SQL / minimal ${((apiSql.tps / minimal.tps) * 100).toFixed(1)} %`,
            `goals: ${goal(afterApi.sum === 0 && afterApi.negative === 0 && afterApi.mismatched === 0, 'conserved, 0 negative, 0 unbalanced')}, ${goal(afterApi.moved === TRANSFERS - replays + 1, '0 double-applied')}`,
          ].join('\n    '),
        };
        return [row];
      } finally {
        await api?.stop();
        await rm(dir, { recursive: true, force: true });
      }
    }),
};

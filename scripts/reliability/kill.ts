// Drills "kill-api" and "kill-db": concurrent sign-ups, check-ins, record confirmations and an import
// through the API; a SIGKILL of the API (then a restart), or of PostgreSQL (then pg_ctl start, crash
// recovery, while the API keeps running and must reconnect by itself) when 40 % of the requests have
// answered; then every request that got no 2xx answer is sent again, with a sample of acknowledged ones,
// and the database is checked: every acknowledged write is there, nothing applied twice.
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { createDeployment, type Deployment } from './deployment.ts';
import { prepareTargets, staffSession, type Sizes, type Targets } from './fixtures.ts';
import {
  acked,
  draftRecords,
  drive,
  importJob,
  operations,
  qrToken,
  resend,
  type Answer,
  type Kind,
  type Op,
  type Session,
} from './load.ts';
import { auditVerify, Checks, seconds } from './report.ts';
import { status } from './proc.ts';

const CONCURRENCY = Number(process.env.DRILL_CONCURRENCY ?? 8);
/** Share of acknowledged writes sent again after the crash (at least 20 of each kind when there are). */
const RESEND_SHARE = 0.1;

export function drillSizes(): Sizes {
  const n = (name: string, d: number) => Number(process.env[name] ?? d);
  return {
    signups: n('DRILL_SIGNUPS', 600),
    checkins: n('DRILL_CHECKINS', 600),
    confirmations: n('DRILL_CONFIRMATIONS', 600),
    importRows: n('DRILL_IMPORT_ROWS', 3000),
  };
}

interface Crash {
  /** What the import job was doing at the moment of the kill. */
  importAtKill: string;
  /** Requests answered when the kill came. */
  answeredAtKill: number;
  notes: string[];
}

async function waitImport(s: Session, jobId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 1200; i++) {
    const a = await importJob(s, jobId);
    if (acked(a) && !['validating', 'committing'].includes(String(a.body!.status))) return a.body!;
    await delay(250);
  }
  throw new Error(`import ${jobId} did not end within 5 minutes`);
}

export async function killDrill(which: 'api' | 'db'): Promise<void> {
  const sizes = drillSizes();
  // A job (records sweep, witness) whose process died is taken up again after its lease: short here.
  const d = await createDeployment(`kill-${which}`, { JOBS_LEASE_SECONDS: '20' });
  let refresh: NodeJS.Timeout | undefined;
  try {
    await d.api.start();
    const t = await prepareTargets(d.owner.db, d.appKey, `kill-${which}`, sizes);
    const s: Session = { origin: d.api.origin, staff: await staffSession(d.api.origin, t.org.staff) };
    const records = await draftRecords(s, t);
    let token = (await qrToken(s, t))!;
    // The organizer's screen refreshes its code; during the outage it keeps the last one it had.
    refresh = setInterval(() => void qrToken(s, t).then((x) => x && (token = x)), 10_000);
    const { ops, importOp } = operations(s, t, records, () => token);
    console.log(
      `   ${t.signupPeople.length} sign-ups, ${t.checkinPeople.length} check-ins, ${records.length} ` +
        `confirmations (one record per request) and a ${t.importNames.length}-row volunteer import, ` +
        `${CONCURRENCY} at a time; kill -9 of ${which === 'api' ? 'the API' : 'PostgreSQL'} once the import commits`,
    );

    let open: () => void = () => {};
    let gate: Promise<void> = Promise.resolve();
    let crashing: Promise<Crash> | null = null;
    let jobId = '';
    // The import is uploaded at 30 % and the kill comes once it is committing (its one transaction), so
    // all four kinds of writes are in flight.
    const uploadAt = Math.floor(ops.length * 0.3);
    let answeredNow = 0;
    const crash = async (): Promise<Crash> => {
      importOp.first = await importOp.send();
      if (!acked(importOp.first)) throw new Error(`import upload: ${JSON.stringify(importOp.first)}`);
      jobId = String(importOp.first.body!.jobId);
      let job = await importJob(s, jobId);
      for (let i = 0; i < 600 && job.body?.status === 'validating'; i++) {
        await delay(50);
        job = await importJob(s, jobId);
      }
      gate = new Promise((r) => (open = r));
      const answeredAtKill = answeredNow;
      const importAtKill = `${job.body?.status} (${job.body?.processed ?? '?'} rows read)`;
      const notes: string[] = [];
      if (which === 'api') {
        const pid = d.api.pid;
        await d.api.kill9();
        notes.push(`API pid ${pid} killed (SIGKILL) with requests in flight`);
        await delay(1000);
        const ready = await d.api.start();
        notes.push(`API restarted: /readyz 200 after ${seconds(ready)} (new pid ${d.api.pid})`);
      } else {
        const apiPid = d.api.pid;
        const pids = await d.cluster.kill9();
        const killed = performance.now();
        notes.push(`PostgreSQL killed (SIGKILL of the postmaster and ${pids.length - 1} backends)`);
        // While it is down the API must answer (503 for what needs the database), not hang or die.
        await delay(2000);
        const during = await status(`${d.api.origin}/readyz`);
        const health = await status(`${d.api.origin}/healthz`);
        notes.push(`while down: /healthz ${health}, /readyz ${during}`);
        const t0 = performance.now();
        await d.cluster.start();
        const recovered = performance.now();
        notes.push(`pg_ctl start (crash recovery) took ${seconds((recovered - t0) / 1000)}`);
        let ready = 0;
        for (let i = 0; i < 600 && ready !== 200; i++) {
          ready = await status(`${d.api.origin}/readyz`);
          if (ready !== 200) await delay(100);
        }
        if (ready !== 200) throw new Error('the API did not reconnect within 60 s');
        if (!d.api.running || d.api.pid !== apiPid) throw new Error('the API process did not survive');
        notes.push(
          `the API (same pid ${apiPid}, never restarted) answered /readyz 200 ` +
            `${seconds((performance.now() - recovered) / 1000)} after PostgreSQL was back ` +
            `(${seconds((performance.now() - killed) / 1000)} after the kill)`,
        );
      }
      open();
      return { importAtKill, answeredAtKill, notes };
    };
    const t0 = performance.now();
    await drive(
      ops,
      CONCURRENCY,
      () => gate,
      (done) => {
        answeredNow = done;
        if (done === uploadAt) {
          crashing = crash();
          crashing.catch(() => open()); // awaited below; the workers must not wait for a gate that never opens
        }
      },
    );
    const c = await (crashing as Promise<Crash> | null);
    if (!c) throw new Error('the crash never came');
    console.log(`   first pass: ${ops.length} requests in ${seconds((performance.now() - t0) / 1000)}`);
    console.log(`   the kill came after ${c.answeredAtKill} answers; the import was then ${c.importAtKill}`);
    for (const n of c.notes) console.log(`   ${n}`);

    // The import: whatever became of the acknowledged upload, a client re-uploads until it is done.
    let job = await waitImport(s, jobId);
    const importFirst = String(job.status);
    const uploads: string[] = [importFirst];
    for (let i = 0; i < 3 && job.status !== 'done'; i++) {
      const again = await importOp.send();
      importOp.resent.push(again);
      if (!acked(again)) {
        uploads.push(`upload ${again.status} ${(again.body?.error as { code?: string })?.code ?? ''}`);
        await delay(2000);
        continue;
      }
      job = await waitImport(s, String(again.body!.jobId));
      uploads.push(String(job.status));
    }
    // Re-sending a done import must create nobody again.
    const dup = await importOp.send();
    const dupJob = acked(dup) ? await waitImport(s, String(dup.body!.jobId)) : null;

    // Everything without a 2xx answer, and a sample of the acknowledged.
    const unanswered = ops.filter((o) => !acked(o.first));
    const sample = (['signup', 'checkin', 'confirm'] as const).flatMap((k) => {
      const a = ops.filter((o) => o.kind === k && acked(o.first));
      return a.sort(() => Math.random() - 0.5).slice(0, Math.max(20, Math.ceil(a.length * RESEND_SHARE)));
    });
    token = (await qrToken(s, t))!;
    await resend([...unanswered, ...sample], CONCURRENCY);
    clearInterval(refresh);

    const checks = await check(d, t, ops, records);
    const odd = ops.filter(
      (o) => o.first && o.first.status !== 0 && o.first.status !== 503 && !acked(o.first),
    );
    checks.add(
      'first answers other than 2xx, no answer or 503',
      odd.map((o) => `${o.kind} ${answerName(o.first)}`).join(', ') || 0,
      0,
    );
    checks.add('import: the acknowledged upload ends done after re-uploads', String(job.status), 'done');
    checks.add('import: volunteers of the file, each once', await importedOnce(d, t), t.importNames.length);
    checks.add(
      'import: re-sending the done file creates nobody',
      dupJob ? `created ${String(dupJob.created)}` : `upload ${dup.status}`,
      'created 0',
    );
    const running = await sql<{ n: number }>`SELECT count(*)::int AS n FROM import_jobs
      WHERE status IN ('validating', 'committing')`.execute(d.owner.db);
    checks.add('import: jobs left running', running.rows[0]!.n, 0);
    const audit = await auditVerify(d.env);
    checks.add('audit chain verifies (npm run audit:verify)', audit.ok ? 'intact' : 'BROKEN', 'intact');

    printCounts(ops, uploads, sample.length);
    console.log(`   audit: ${audit.summary}`);
    checks.print(`kill-${which} checks`);
  } finally {
    clearInterval(refresh);
    await d.dispose();
  }
}

const codeOf = (a: Answer | undefined) => (a?.body?.error as { code?: string } | undefined)?.code;
const answerName = (a: Answer | undefined) =>
  !a
    ? 'none'
    : a.status === 0
      ? 'no answer'
      : a.status < 300
        ? '2xx'
        : `${a.status} ${codeOf(a) ?? ''}`.trim();

/** Whether a re-sent request found its write already done (the lost answer's write had committed). */
function foundDone(kind: Kind, a: Answer | undefined): boolean | null {
  if (!a) return null;
  if (kind === 'signup') return codeOf(a) === 'SIGNUP_EXISTS' ? true : acked(a) ? false : null;
  if (kind === 'checkin') return acked(a) ? a.body!.repeated === true : null;
  return acked(a) ? a.body!.done === 0 : null;
}

function printCounts(ops: Op[], uploads: string[], sampled: number) {
  console.log(
    `\n   ${'kind'.padEnd(8)} ${'sent'.padStart(5)} ${'2xx'.padStart(5)} ${'none'.padStart(5)} ${'503'.padStart(5)} ` +
      `${'other'.padStart(5)}   re-sent without 2xx: done before / done now / still not    acknowledged re-sent`,
  );
  for (const kind of ['signup', 'checkin', 'confirm'] as Kind[]) {
    const list = ops.filter((o) => o.kind === kind);
    const first = (f: (a: Answer) => boolean) => list.filter((o) => o.first && f(o.first)).length;
    const other = list.filter((o) => !acked(o.first));
    const before = other.filter((o) => foundDone(kind, o.resent[0]) === true).length;
    const now = other.filter((o) => foundDone(kind, o.resent[0]) === false).length;
    const re = list.filter((o) => acked(o.first) && o.resent.length);
    const reOk = re.filter((o) => foundDone(kind, o.resent[0]) === true).length;
    console.log(
      `   ${kind.padEnd(8)} ${String(list.length).padStart(5)} ${String(first(acked)).padStart(5)} ` +
        `${String(first((a) => a.status === 0)).padStart(5)} ${String(first((a) => a.status === 503)).padStart(5)} ` +
        `${String(first((a) => a.status !== 0 && a.status !== 503 && !acked(a))).padStart(5)}   ` +
        `${String(other.length).padStart(19)}: ${before} / ${now} / ${other.length - before - now}`.padEnd(
          56,
        ) +
        `   ${re.length} (${reOk} found done)`,
    );
  }
  console.log(`   import   uploads: ${uploads.join(' → ')}; then the done file again`);
  console.log(
    `   (none: no answer; done before: the write had committed but its answer was lost; ${sampled} acknowledged re-sent as a sample)`,
  );
}

async function importedOnce(d: Deployment, t: Targets): Promise<number | string> {
  const r = await sql<{ n: number; names: number }>`SELECT count(*)::int AS n,
    count(DISTINCT name)::int AS names FROM volunteers WHERE name = ANY(${t.importNames})`.execute(
    d.owner.db,
  );
  const { n, names } = r.rows[0]!;
  return n === names ? n : `${n} rows for ${names} names`;
}

/** The database against what the API acknowledged. */
async function check(d: Deployment, t: Targets, ops: Op[], records: { id: string }[]): Promise<Checks> {
  const db = d.owner.db;
  const c = new Checks();
  const answers = (o: Op): Answer[] => (o.first ? [o.first, ...o.resent] : o.resent);
  const byKind = (k: Kind) => ops.filter((o) => o.kind === k);

  // Sign-ups: one row per person who got a 2xx or SIGNUP_EXISTS; every acknowledged id present.
  const signups = byKind('signup');
  const rows = await db
    .selectFrom('signups')
    .select(['id', 'volunteer_id', 'status'])
    .where('shift_id', '=', t.signupShift.shiftId)
    .execute();
  const ids = new Set(rows.map((r) => r.id));
  const ackedIds = signups.flatMap((o) =>
    answers(o)
      .filter(acked)
      .map((a) => String(a.body!.id)),
  );
  c.add('sign-ups: acknowledged ids missing (lost)', ackedIds.filter((id) => !ids.has(id)).length, 0);
  const perPerson = new Map<string, number>();
  for (const r of rows) perPerson.set(r.volunteer_id, (perPerson.get(r.volunteer_id) ?? 0) + 1);
  c.add('sign-ups: people with two rows (doubled)', [...perPerson.values()].filter((n) => n > 1).length, 0);
  const settled = signups.filter((o) => answers(o).some((a) => acked(a) || codeOf(a) === 'SIGNUP_EXISTS'));
  c.add('sign-ups: people without a settled answer', signups.length - settled.length, 0);
  c.add('sign-ups: rows = people signed up', rows.length, settled.length);
  c.add(
    'sign-ups: re-sent acknowledged ones answered SIGNUP_EXISTS',
    signups.filter((o) => acked(o.first) && o.resent.length && codeOf(o.resent[0]) !== 'SIGNUP_EXISTS')
      .length,
    0,
  );
  const taken = await sql<{
    taken: number;
    holding: number;
  }>`SELECT s.taken, (SELECT count(*)::int FROM signups g
    WHERE g.shift_id = s.id AND g.status IN ('pending', 'accepted')) AS holding FROM shifts s
    WHERE s.id = ${t.signupShift.shiftId}`.execute(db);
  c.add('sign-ups: places taken = sign-ups holding one', taken.rows[0]!.taken, taken.rows[0]!.holding);

  // Check-ins: one attendance per sign-up; every acknowledged attendance id present.
  const checkins = byKind('checkin');
  const att = await db
    .selectFrom('attendances')
    .select(['id', 'signup_id'])
    .where('shift_id', '=', t.checkinShift.shiftId)
    .execute();
  const attIds = new Set(att.map((a) => a.id));
  const ackedAtt = checkins.flatMap((o) =>
    answers(o)
      .filter(acked)
      .map((a) => String(a.body!.attendanceId)),
  );
  c.add(
    'check-ins: acknowledged attendances missing (lost)',
    ackedAtt.filter((id) => !attIds.has(id)).length,
    0,
  );
  c.add(
    'check-ins: sign-ups with two attendances (doubled)',
    att.length - new Set(att.map((a) => a.signup_id)).size,
    0,
  );
  const checkedIn = checkins.filter((o) => answers(o).some(acked));
  c.add('check-ins: people without a 2xx answer', checkins.length - checkedIn.length, 0);
  c.add('check-ins: attendances = people checked in', att.length, checkedIn.length);
  c.add(
    'check-ins: re-sent acknowledged ones got their first record back',
    checkins.filter(
      (o) =>
        acked(o.first) &&
        o.resent.length &&
        !(
          o.resent[0]!.body?.repeated === true &&
          o.resent[0]!.body?.attendanceId === o.first!.body!.attendanceId
        ),
    ).length,
    0,
  );

  // Confirmations: each acknowledged one confirmed, once; totals = the confirmed records.
  const confirms = byKind('confirm');
  const done = (a: Answer) => acked(a) && a.body!.done === 1;
  const st = await db
    .selectFrom('service_records')
    .select(['id', 'status'])
    .where(
      'id',
      'in',
      records.map((r) => r.id),
    )
    .execute();
  const status = new Map(st.map((r) => [r.id, r.status]));
  const confirmedByApi = confirms.filter((o) => answers(o).some(done));
  c.add(
    'confirmations: acknowledged ones not confirmed (lost)',
    confirmedByApi.filter((o) => status.get(o.key) !== 'confirmed').length,
    0,
  );
  c.add(
    'confirmations: records confirmed by two answers (applied twice)',
    confirms.filter((o) => answers(o).filter(done).length > 1).length,
    0,
  );
  c.add('confirmations: records still draft', st.filter((r) => r.status === 'draft').length, 0);
  const events = await sql<{ twice: number; confirmed: number }>`SELECT
      count(*) FILTER (WHERE n > 1)::int AS twice, count(*)::int AS confirmed
    FROM (SELECT record_id, count(*) AS n FROM record_events WHERE kind = 'confirmed'
      AND record_id = ANY(${records.map((r) => r.id)}::uuid[]) GROUP BY record_id) e`.execute(db);
  c.add('confirmations: records with two confirmed events', events.rows[0]!.twice, 0);
  c.add(
    'confirmations: confirmed events = records confirmed',
    events.rows[0]!.confirmed,
    confirmedByApi.length,
  );
  c.add('totals: volunteers whose totals ≠ their confirmed records', await totalsOff(d), 0);
  return c;
}

/** Volunteers whose totals differ from the sum of their confirmed records or of their record events. */
export async function totalsOff(d: { owner: { db: Deployment['owner']['db'] } }): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n
    FROM (SELECT volunteer_id, sum(minutes) AS m FROM service_records WHERE status = 'confirmed' GROUP BY 1) r
    FULL JOIN volunteer_totals t USING (volunteer_id)
    FULL JOIN (SELECT volunteer_id, sum(minutes_delta) AS m FROM record_events GROUP BY 1) e USING (volunteer_id)
    WHERE coalesce(t.minutes, 0) <> coalesce(r.m, 0) OR coalesce(t.minutes, 0) <> coalesce(e.m, 0)`.execute(
    d.owner.db,
  );
  return r.rows[0]!.n;
}

// Drill "soak": SOAK_MINUTES (10) of mixed load at about SOAK_RATE (25) requests a second from 8 clients:
// browsing (activity list and detail, anonymous), my records, sign-ups, QR check-ins and record
// confirmations, each write for a different person or record. Fails on any error (no answer or not 2xx)
// or when the API's resident memory (VmRSS) at the end exceeds its value after the warm-up (the first
// tenth, at least 30 s) by more than SOAK_RSS_GROWTH_MB (64).
import { setTimeout as delay } from 'node:timers/promises';
import { createDeployment } from './deployment.ts';
import { prepareTargets, staffSession } from './fixtures.ts';
import { acked, draftRecords, operations, qrToken, type Answer, type Op, type Session } from './load.ts';
import { rssMb } from './proc.ts';
import { Checks, seconds } from './report.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const RATE = Number(process.env.SOAK_RATE ?? 25);
const GROWTH_MB = Number(process.env.SOAK_RSS_GROWTH_MB ?? 64);
const CLIENTS = 8;
/** Shares of the mix; the writes each need their own person or record. */
const MIX = { browse: 0.4, mine: 0.2, signup: 0.15, checkin: 0.15, confirm: 0.1 };

async function get(origin: string, path: string, cookie?: string): Promise<Answer> {
  try {
    const r = await fetch(origin + path, {
      ...(cookie ? { headers: { cookie } } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await r.text();
    return { status: r.status, body: r.ok ? null : { text: text.slice(0, 200) } };
  } catch (e) {
    return { status: 0, body: null, error: String(e) };
  }
}

export async function soakDrill(): Promise<void> {
  const total = Math.ceil(MINUTES * 60 * RATE);
  const need = (share: number) => Math.ceil(total * share * 1.1) + 20;
  const d = await createDeployment('soak');
  let refresh: NodeJS.Timeout | undefined;
  try {
    await d.api.start();
    const t = await prepareTargets(d.owner.db, d.appKey, 'soak', {
      signups: need(MIX.signup),
      checkins: need(MIX.checkin),
      confirmations: need(MIX.confirm),
      importRows: 0,
    });
    const s: Session = { origin: d.api.origin, staff: await staffSession(d.api.origin, t.org.staff) };
    const records = await draftRecords(s, t);
    let token = (await qrToken(s, t))!;
    refresh = setInterval(() => void qrToken(s, t).then((x) => x && (token = x)), 10_000);
    const { ops } = operations(s, t, records, () => token);
    const queues: Record<string, Op[]> = {
      signup: ops.filter((o) => o.kind === 'signup'),
      checkin: ops.filter((o) => o.kind === 'checkin'),
      confirm: ops.filter((o) => o.kind === 'confirm'),
    };
    const activities = [t.signupShift.activityId, t.checkinShift.activityId, t.endedShift.activityId];
    const mine = t.endedPeople;
    console.log(
      `   ${MINUTES} min at ~${RATE} req/s from ${CLIENTS} clients: ${Object.entries(MIX)
        .map(([k, v]) => `${k} ${v * 100} %`)
        .join(', ')}`,
    );

    const counts = new Map<string, { ok: number; errors: number; times: number[] }>();
    const errors = new Map<string, number>();
    const rss: { at: number; mb: number }[] = [];
    const pid = d.api.pid;
    const start = performance.now();
    const end = start + MINUTES * 60_000;
    const warmUpMs = Math.max(30_000, (MINUTES * 60_000) / 10);
    let warm: number | null = null;
    rss.push({ at: 0, mb: rssMb(pid) });
    const sampler = setInterval(() => {
      const at = (performance.now() - start) / 1000;
      rss.push({ at, mb: rssMb(pid) });
      if (warm === null && at * 1000 >= warmUpMs) warm = rss.at(-1)!.mb;
    }, 5_000);
    let i = 0;
    const pick = () => {
      let r = Math.random();
      for (const [k, v] of Object.entries(MIX)) if ((r -= v) < 0) return k;
      return 'browse';
    };
    const interval = (CLIENTS * 1000) / RATE;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < end) {
          const began = performance.now();
          let kind = pick();
          let answer: Answer;
          if (kind in queues && queues[kind]!.length === 0) kind = 'browse';
          if (kind === 'browse')
            answer =
              i++ % 2 === 0
                ? await get(s.origin, '/api/activities?pageSize=20')
                : await get(s.origin, `/api/activities/${activities[i % activities.length]}`);
          else if (kind === 'mine')
            answer = await get(s.origin, '/api/me/records', mine[i++ % mine.length]!.cookie);
          else answer = await queues[kind]!.shift()!.send();
          const ms = performance.now() - began;
          const c = counts.get(kind) ?? { ok: 0, errors: 0, times: [] };
          counts.set(kind, c);
          c.times.push(ms);
          const confirmedOne = kind !== 'confirm' || (acked(answer) && answer.body!.done === 1);
          if (acked(answer) && confirmedOne) c.ok++;
          else {
            c.errors++;
            const key = `${kind} ${answer.status} ${JSON.stringify(answer.body ?? answer.error).slice(0, 120)}`;
            errors.set(key, (errors.get(key) ?? 0) + 1);
          }
          await delay(Math.max(0, interval - ms));
        }
      }),
    );
    clearInterval(sampler);
    const last = rssMb(pid);
    rss.push({ at: (performance.now() - start) / 1000, mb: last });
    const elapsed = (performance.now() - start) / 1000;

    console.log(
      `\n   ${'kind'.padEnd(8)} ${'2xx'.padStart(6)} ${'errors'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`,
    );
    let all = 0;
    let errs = 0;
    for (const [kind, c] of counts) {
      c.times.sort((a, b) => a - b);
      const p = (q: number) =>
        c.times[Math.min(c.times.length - 1, Math.floor(q * c.times.length))]!.toFixed(0);
      console.log(
        `   ${kind.padEnd(8)} ${String(c.ok).padStart(6)} ${String(c.errors).padStart(6)} ${p(0.5).padStart(7)} ${p(0.99).padStart(7)}`,
      );
      all += c.ok + c.errors;
      errs += c.errors;
    }
    for (const [k, n] of errors) console.log(`   error ×${n}: ${k}`);
    const minutes = rss.filter(
      (r, k) => k === 0 || Math.floor(r.at / 60) !== Math.floor(rss[k - 1]!.at / 60),
    );
    console.log(
      `   ${all} requests in ${seconds(elapsed)} (${(all / elapsed).toFixed(1)}/s); API RSS (MB) by minute: ` +
        minutes.map((r) => `${Math.round(r.at / 60)}′ ${r.mb.toFixed(0)}`).join(', ') +
        `, end ${last.toFixed(0)}`,
    );
    const warmMb = warm ?? rss[1]?.mb ?? rss[0]!.mb;
    console.log(
      `   RSS at start ${rss[0]!.mb.toFixed(0)} MB, after the warm-up (${seconds(warmUpMs / 1000)}) ${warmMb.toFixed(0)} MB, ` +
        `at the end ${last.toFixed(0)} MB, peak ${Math.max(...rss.map((r) => r.mb)).toFixed(0)} MB`,
    );
    const checks = new Checks();
    checks.add('errors (no answer or not 2xx)', errs, 0);
    checks.add(
      `RSS growth after the warm-up within ${GROWTH_MB} MB`,
      last - warmMb <= GROWTH_MB ? 'yes' : `no: +${(last - warmMb).toFixed(0)} MB`,
      'yes',
    );
    checks.print('soak checks');
  } finally {
    clearInterval(refresh);
    await d.dispose();
  }
}

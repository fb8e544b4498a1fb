import { randomUUID } from 'node:crypto';
import { createUser, signIn } from '../../test/harness.ts';
import { consumerPosition } from '../records/record-events.ts';
import {
  activityId,
  all,
  ctxOf,
  org,
  people,
  records,
  startEventsApp,
  t,
} from '../records/record-events.testkit.ts';
import { DEPOSITS_CONSUMER } from './deposits.ts';

/** Shared set-up of the time bank tests: a Shenzhen scheme, two of its administrators, volunteers with hours. */

export const SHENZHEN = '440300000000';
export let adminA: { id: string; cookie: string };
export let adminB: { id: string; cookie: string };
export let schemeId: string;

export async function startBank(scheme: Record<string, unknown> = {}) {
  await startEventsApp();
  for (const name of ['a', 'b']) {
    const u = await createUser(t, `tb.admin.${name}.${process.pid}`, {
      role: 'region_admin',
      region: SHENZHEN,
    });
    const admin = { id: u.id, cookie: await signIn(t, u) };
    if (name === 'a') adminA = admin;
    else adminB = admin;
  }
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/timebank/schemes',
    headers: { cookie: adminA.cookie },
    payload: { region: SHENZHEN, name: '深圳市公益时间银行', ...scheme },
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  schemeId = res.json().id;
}

export const key = () => randomUUID();

/** A request with an idempotency key (a fresh one unless given). */
export function send(
  cookie: string,
  method: 'POST' | 'PUT',
  url: string,
  payload: unknown,
  idem: string | null = key(),
) {
  return t.app.inject({
    method,
    url,
    headers: { cookie, ...(idem ? { 'idempotency-key': idem } : {}) },
    payload: payload as object,
  });
}

/** Confirms attendance records of these minutes for the volunteer, one a day, and runs the deposits job. */
export async function confirmHours(volunteerId: string, minutes: number[]) {
  const ids = await records(
    minutes.map((m, i) => ({
      volunteerId,
      minutes: m,
      kind: 'attendance' as const,
      day: `2026-09-${String(1 + (i % 28)).padStart(2, '0')}`,
    })),
  );
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/activities/${activityId}/records/confirm`,
    headers: { cookie: org.cookie },
    payload: { items: ids.map((id) => ({ id })) },
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  await deposits();
  return ids;
}

/**
 * Runs the deposits job (a period later, so the recurring job is due) until it has read every record
 * event: on PostgreSQL an event becomes readable only once every older transaction in the cluster has
 * ended (another test file's, in parallel), so one run may not see the newest yet.
 */
export async function deposits() {
  // Generous: on a shared cluster another session's long transaction holds every event back meanwhile.
  const deadline = Date.now() + 240_000;
  for (;;) {
    t.clock.advance(120_000);
    await t.app.jobs.tick();
    const [events, pos] = await Promise.all([all(), consumerPosition(ctxOf(), DEPOSITS_CONSUMER)]);
    if ((pos?.applied ?? 0) >= events) return;
    if (Date.now() > deadline) {
      const jobs = await t.handle.db
        .selectFrom('jobs')
        .select(['status', 'attempts', 'last_error'])
        .where('name', '=', 'timebank.deposits')
        .where('last_error', 'is not', null)
        .limit(3)
        .execute();
      throw new Error(
        `record events not banked within 240 s (${pos?.applied}/${events}) ${JSON.stringify(jobs)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function mine(cookie: string) {
  const res = await t.app.inject({ url: '/api/me/timebank', headers: { cookie } });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json() as {
    accounts: { id: string; balance: number; confirmedMinutes: number; canSpend: boolean; owed: number }[];
    family: { id: string; balance: number }[];
  };
}

export async function reconcile() {
  const res = await t.app.inject({
    url: `/api/timebank/reconcile?region=${SHENZHEN}`,
    headers: { cookie: adminA.cookie },
  });
  return res.json() as {
    ok: boolean;
    mismatched: unknown[];
    negative: number;
    sum: number;
    transfers: number;
  };
}

export { people, t, org };

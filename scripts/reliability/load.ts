// The writes of the kill drills, sent concurrently through the API and written down: every request, what
// (if anything) answered it, and the ids the API acknowledged. A write counts as acknowledged only on a
// 2xx answer; anything else (no answer, 503) is what a client would send again.
import { XLSX_MIME } from '@yiqi/shared/contracts/imports';
import type { Targets } from './fixtures.ts';

export type Kind = 'signup' | 'checkin' | 'confirm' | 'import';

export interface Answer {
  /** HTTP status, or 0 when the connection failed (no answer). */
  status: number;
  body: Record<string, unknown> | null;
  error?: string;
}

export interface Op {
  kind: Kind;
  /** The person, record or file the write is about. */
  key: string;
  send(): Promise<Answer>;
  first?: Answer;
  /** Answers to re-sending the same request after the crash, in order. */
  resent: Answer[];
}

export const acked = (a: Answer | undefined) => !!a && a.status >= 200 && a.status < 300;

async function call(origin: string, path: string, init: RequestInit): Promise<Answer> {
  try {
    const r = await fetch(origin + path, { ...init, signal: AbortSignal.timeout(60_000) });
    const text = await r.text();
    let body: Record<string, unknown> | null = null;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { text: text.slice(0, 200) };
    }
    return { status: r.status, body };
  } catch (e) {
    return { status: 0, body: null, error: (e as Error).cause ? String((e as Error).cause) : String(e) };
  }
}

export interface Session {
  origin: string;
  /** The org admin's session cookie (after TOTP). */
  staff: string;
}

const json = (cookie: string, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', cookie },
  body: JSON.stringify(body),
});

/** The current check-in code of the check-in shift, as the organizer's screen shows it. */
export async function qrToken(s: Session, t: Targets): Promise<string | null> {
  const a = await call(
    s.origin,
    `/api/activities/${t.checkinShift.activityId}/shifts/${t.checkinShift.shiftId}/qr`,
    { headers: { cookie: s.staff } },
  );
  return acked(a) ? String(a.body!.token) : null;
}

/** The draft records of the ended shift (listing them drafts them from the attendances). */
export async function draftRecords(s: Session, t: Targets): Promise<{ id: string; minutes: number }[]> {
  const out: { id: string; minutes: number }[] = [];
  for (let page = 1; ; page++) {
    const a = await call(
      s.origin,
      `/api/activities/${t.endedShift.activityId}/records?status=draft&pageSize=500&page=${page}`,
      { headers: { cookie: s.staff } },
    );
    if (!acked(a)) throw new Error(`records: ${a.status} ${JSON.stringify(a.body)}`);
    const items = a.body!.items as { id: string; minutes: number }[];
    out.push(...items.map((r) => ({ id: r.id, minutes: r.minutes })));
    if (items.length < 500) return out;
  }
}

/**
 * Every write of one drill: a sign-up per sign-up person, a check-in per check-in person (with whatever
 * code the screen shows when it is sent), a confirmation per draft record (one per request, so each
 * answer is about one record), and the import. Shuffled, so the crash hits all kinds.
 */
export function operations(
  s: Session,
  t: Targets,
  records: { id: string }[],
  token: () => string,
): { ops: Op[]; importOp: Op } {
  const ops: Op[] = [];
  for (const p of t.signupPeople)
    ops.push({
      kind: 'signup',
      key: p.volunteerId,
      resent: [],
      send: () => call(s.origin, `/api/shifts/${t.signupShift.shiftId}/signups`, json(p.cookie, {})),
    });
  for (const p of t.checkinPeople)
    ops.push({
      kind: 'checkin',
      key: p.volunteerId,
      resent: [],
      send: () => call(s.origin, '/api/checkins', json(p.cookie, { token: token() })),
    });
  for (const r of records)
    ops.push({
      kind: 'confirm',
      key: r.id,
      resent: [],
      send: () =>
        call(
          s.origin,
          `/api/activities/${t.endedShift.activityId}/records/confirm`,
          json(s.staff, { items: [{ id: r.id }] }),
        ),
    });
  for (let i = ops.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [ops[i], ops[j]] = [ops[j]!, ops[i]!];
  }
  const importOp: Op = {
    kind: 'import',
    key: 'volunteers.xlsx',
    resent: [],
    send: () =>
      call(s.origin, `/api/imports/volunteers?orgId=${t.org.orgId}`, {
        method: 'POST',
        headers: { cookie: s.staff, 'content-type': XLSX_MIME },
        body: new Uint8Array(t.importFile),
      }),
  };
  return { ops, importOp };
}

/** An import job as the API reports it. */
export async function importJob(s: Session, jobId: string): Promise<Answer> {
  return call(s.origin, `/api/imports/${jobId}`, { headers: { cookie: s.staff } });
}

/**
 * Sends `ops` with `concurrency` workers. After a request that got no 2xx answer because the service was
 * away (no answer, 503), a worker waits on `gate()` (resolved once the drill has brought the service back)
 * before its next request, so the outage does not use up the list; `onAnswer` sees every first answer.
 */
export async function drive(
  ops: Op[],
  concurrency: number,
  gate: () => Promise<void>,
  onAnswer: (done: number) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ops.length) {
        const op = ops[next++]!;
        op.first = await op.send();
        onAnswer(++done);
        if (op.first.status === 0 || op.first.status === 503) await gate();
      }
    }),
  );
}

/** Re-sends each op once (in parallel, `concurrency` at a time), appending the answer to op.resent. */
export async function resend(ops: Op[], concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ops.length) {
        const op = ops[next++]!;
        op.resent.push(await op.send());
      }
    }),
  );
}

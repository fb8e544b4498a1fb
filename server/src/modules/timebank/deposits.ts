import { toRegionCode } from '@yiqi/shared/regions';
import type { Ctx } from '../../core/ctx.ts';
import { consumeRecordEvents, type RecordEvent } from '../records/record-events.ts';
import { creditCapped, move } from './ledger.ts';
import { pointsFor } from './rules.ts';
import * as repo from './timebank.repository.ts';

/** This reader's name in record_event_consumers. */
export const DEPOSITS_CONSUMER = 'timebank.deposits';

/** The region and its ancestors, nearest first: the scheme of the nearest one banks the record. */
function nearestFirst(code: string): string[] {
  const out = [code];
  for (const n of [9, 6, 4, 2]) {
    const c = toRegionCode(code.slice(0, n));
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

type Scheme = NonNullable<Awaited<ReturnType<typeof repo.schemeById>>>;

/**
 * Banks confirmed hours as points. Each (record, event kind) is claimed once in timebank_deposits, so an
 * event delivered twice (a redelivery, a replay after a restart) adds nothing the second time. A
 * volunteer's counted minutes move by the events' deltas; the points due are the whole points of those
 * minutes (the remainder carried), and the difference to what was issued is deposited from the scheme's
 * issuance account (up to the cap; the excess to the pool) or, after a correction downwards or a
 * supersession, taken back as far as the balance allows, the rest owed and taken from later deposits.
 * One adjustment per volunteer and scheme per batch: a correction's superseded + corrected pair moves
 * points by the difference only.
 */
export async function bankRecordEvents(events: RecordEvent[], tx: Ctx) {
  const schemes = new Map<string, Scheme | null>();
  const schemeFor = async (region: string) => {
    if (!schemes.has(region))
      schemes.set(region, (await repo.nearestScheme(tx.db, nearestFirst(region))) ?? null);
    return schemes.get(region)!;
  };
  const deltas = new Map<
    string,
    { scheme: Scheme; volunteerId: string; minutes: number; records: Set<string> }
  >();
  for (const e of events) {
    if (e.kind === 'rejected') continue;
    let scheme: Scheme | null | undefined;
    if (e.kind === 'superseded') {
      // Taken back from the scheme that banked it; never banked (no scheme then): nothing to take back.
      const banked = await repo.depositSchemeOf(tx.db, e.recordId);
      scheme = banked ? await repo.schemeById(tx.db, banked.scheme_id) : null;
    } else scheme = await schemeFor(e.regionCode);
    if (!scheme) continue;
    const fresh = await repo.claimDeposit(tx.db, {
      record_id: e.recordId,
      event_kind: e.kind,
      scheme_id: scheme.id,
      volunteer_id: e.volunteerId,
      minutes: e.minutesDelta,
      at: tx.clock(),
    });
    if (!fresh) continue;
    const k = `${scheme.id}:${e.volunteerId}`;
    const d = deltas.get(k) ?? { scheme, volunteerId: e.volunteerId, minutes: 0, records: new Set<string>() };
    d.minutes += e.minutesDelta;
    d.records.add(e.kind === 'superseded' && e.relatedRecordId ? e.relatedRecordId : e.recordId);
    deltas.set(k, d);
  }
  // Volunteers in a fixed order, so two batches never hold their rows in opposite orders.
  for (const d of [...deltas.values()].sort((a, b) => (a.volunteerId < b.volunteerId ? -1 : 1)))
    await adjust(tx, d.scheme, d.volunteerId, d.minutes, d.records.size === 1 ? [...d.records][0]! : null);
}

async function adjust(
  tx: Ctx,
  scheme: Scheme,
  volunteerId: string,
  minutes: number,
  recordId: string | null,
) {
  const st = await repo.holdVolunteerState(tx.db, scheme.id, volunteerId);
  const total = st.minutes + minutes;
  const due = pointsFor(total, scheme.minutes_per_point);
  let owed = st.owed;
  const diff = due - st.points;
  const account = await repo.ensureVolunteerAccount(tx.db, scheme.id, volunteerId);
  const issuance = await repo.systemAccount(tx.db, scheme.id, 'issuance');
  if (diff > 0) {
    const repaid = Math.min(owed, diff);
    owed -= repaid;
    const issue = diff - repaid;
    if (issue > 0)
      await creditCapped(tx, {
        schemeId: scheme.id,
        debit: issuance,
        credit: account,
        creditKind: 'volunteer',
        cap: scheme.balance_cap,
        amount: issue,
        kind: 'deposit',
        recordId,
      });
  } else if (diff < 0) {
    const balance = await repo.holdAccount(tx.db, account);
    const take = Math.min(balance, -diff);
    if (take > 0)
      await move(tx, {
        schemeId: scheme.id,
        debit: account,
        credit: issuance,
        amount: take,
        kind: 'deposit_reversal',
        reason: 'record corrected or superseded',
        recordId,
      });
    owed += -diff - take;
  }
  await repo.setVolunteerState(tx.db, scheme.id, volunteerId, { minutes: total, points: due, owed });
}

/** Applies every waiting event (in batches), so one run catches up after a pause. */
export async function runDeposits(ctx: Ctx, maxBatches = 100) {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const { applied } = await consumeRecordEvents(ctx, DEPOSITS_CONSUMER, bankRecordEvents, { batch: 500 });
    total += applied;
    if (applied === 0) break;
  }
  return total;
}

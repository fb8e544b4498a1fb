import type { ErrorCode } from '@yiqi/shared/errors';
import type { Ctx } from '../../core/ctx.ts';

import * as records from '../records/record-imports.service.ts';
import { normalize, RECORD_COLUMNS } from './imports.columns.ts';
import { missingPerson, personRef, resolvePeople, text, type PersonRef } from './imports.people.ts';
import type { Cell } from './imports.reader.ts';
import { BATCH, type ErrorList, type ImportSpec, type JobInfo } from './imports.kinds.ts';
import { chinaDate } from '../../core/dates.ts';

/**
 * Service hours from an organization's own sheet: one row per volunteer, day and activity, for service
 * recorded outside Yiqi. Rows are checked like a back-fill (a registered volunteer, a day not in the
 * future, hours over 0 and at most 24, no day over 24 hours with what is already recorded) and written as
 * pending entries of the batch, which a second person approves. Rows the organization already recorded for
 * the same volunteer, day and activity are skipped, so uploading a sheet again adds nothing.
 */

/** A day as YYYY-MM-DD: a date cell, or text like 2026-03-05, 2026/3/5, 2026.3.5 or 2026年3月5日. */
export function parseDay(c: Cell | undefined): string | undefined {
  let y: number, m: number, d: number;
  if (c instanceof Date) {
    // Date cells come as midnight UTC of the day Excel shows.
    [y, m, d] = [c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate()];
  } else {
    const t =
      typeof c === 'string' ? /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(c) : null;
    if (!t) return undefined;
    [y, m, d] = [Number(t[1]), Number(t[2]), Number(t[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1990 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Hours as whole minutes: over 0, at most 24, at most two decimals ("2.5", "2.25", a number cell). */
export function parseHours(c: Cell | undefined): number | undefined {
  const t = typeof c === 'string' ? c.replace(/\s*(小时|小時|h|hours?)$/i, '') : '';
  if (!/^\d{1,2}(\.\d+)?$/.test(t)) return undefined;
  const h = Number(t);
  // Formula results carry binary noise (2.2999999999999998): two decimals within a tolerance.
  if (Math.abs(h * 100 - Math.round(h * 100)) > 1e-6) return undefined;
  const minutes = Math.round(h * 60);
  return minutes > 0 && !records.overDay(minutes) ? minutes : undefined;
}

const bounded = (c: Cell | undefined, max: number) => {
  const t = text(c);
  return typeof t === 'string' && t.length <= max ? t : undefined;
};

interface Pending extends Omit<records.ImportedRecord, 'volunteerId'> {
  row: number;
  ref: PersonRef;
  name: string;
}

export function recordImport(ctx: Ctx, job: JobInfo & { reason: string }, errors: ErrorList): ImportSpec {
  const today = chinaDate(ctx.clock());
  let pending: Pending[] = [];
  /** "volunteer|day|title" → first row with it. */
  const seen = new Map<string, number>();
  /** "volunteer|day" → minutes recorded before the file plus the file's rows so far. */
  const day = new Map<string, number>();
  const toWrite: records.ImportedRecord[] = [];
  let alreadyRecorded = 0;

  return {
    columns: RECORD_COLUMNS,
    missing: (present) => [
      ...missingPerson(present),
      ...RECORD_COLUMNS.filter((c) => c.required && !present.has(c.key)).map((c) => c.key),
    ],
    async init() {},
    check({ row, cells }) {
      let ok = true;
      const add = (column: string | null, code: ErrorCode) => {
        ok = false;
        errors.add(row, column, code);
      };
      const ref = personRef(ctx, cells, add);
      const required = (key: string, max: number) => {
        const v = bounded(cells.get(key), max);
        if (v === undefined) add(key, 'IMPORT_CELL_INVALID');
        else if (!v) add(key, 'IMPORT_CELL_REQUIRED');
        return v ?? '';
      };
      const dateCell = cells.get('serviceDate');
      const serviceDate = parseDay(dateCell);
      if (!serviceDate) add('serviceDate', dateCell ? 'IMPORT_CELL_INVALID' : 'IMPORT_CELL_REQUIRED');
      else if (serviceDate > today) add('serviceDate', 'RECORD_FUTURE_DATE');
      const activityTitle = required('activityTitle', 100);
      const place = required('place', 200);
      const content = required('content', 1000);
      const personInCharge = required('personInCharge', 100);
      const positionName = bounded(cells.get('positionName'), 100);
      if (positionName === undefined) add('positionName', 'IMPORT_CELL_INVALID');
      const hoursCell = cells.get('hours');
      const minutes = parseHours(hoursCell);
      if (minutes === undefined) add('hours', hoursCell ? 'IMPORT_CELL_INVALID' : 'IMPORT_CELL_REQUIRED');
      const name = bounded(cells.get('name'), 50) ?? '';
      if (!ok || !ref) return;
      pending.push({
        row,
        ref,
        name,
        serviceDate: serviceDate!,
        activityTitle,
        place,
        content,
        positionName: positionName || null,
        personInCharge,
        minutes: minutes!,
      });
    },
    async flush() {
      const batch = pending;
      pending = [];
      const people = await resolvePeople(
        ctx,
        batch.map((p) => p.ref),
      );
      const found: { p: Pending; k: records.RecordKey; key: string; pair: string }[] = [];
      for (const p of batch) {
        const person = people.get(p.ref);
        if (!person) {
          errors.add(p.row, p.ref.column, 'RECORD_VOLUNTEER_NOT_FOUND');
          continue;
        }
        if (p.name && normalize(p.name) !== normalize(person.name ?? '')) {
          errors.add(p.row, 'name', 'IMPORT_NAME_MISMATCH');
          continue;
        }
        const k = { volunteerId: person.id, date: p.serviceDate, title: p.activityTitle };
        const key = records.keyOf(k);
        const first = seen.get(key);
        if (first !== undefined) {
          errors.add(p.row, 'activityTitle', 'IMPORT_RECORD_DUPLICATE_IN_FILE', { duplicateOf: first });
          continue;
        }
        seen.set(key, p.row);
        found.push({ p, k, key, pair: `${person.id}|${p.serviceDate}` });
      }
      const recorded = await records.recordedKeys(
        ctx,
        job.orgId,
        found.map((f) => f.k),
      );
      // Days not seen in earlier batches: what is already held on them, once.
      const newPairs = new Map(found.filter((f) => !day.has(f.pair)).map((f) => [f.pair, f.k]));
      const held = await records.heldMinutes(ctx, [...newPairs.values()]);
      for (const pair of newPairs.keys()) day.set(pair, held.get(pair) ?? 0);
      for (const { p, k, key, pair } of found) {
        if (recorded.has(key)) {
          alreadyRecorded++;
          continue;
        }
        const total = day.get(pair)! + p.minutes;
        if (records.overDay(total)) {
          errors.add(p.row, 'hours', 'RECORD_DAY_OVER_24H');
          continue;
        }
        day.set(pair, total);
        const { row: _row, ref: _ref, name: _name, ...entry } = p;
        toWrite.push({ ...entry, volunteerId: k.volunteerId });
      }
    },
    async commit(trx, _file, checkpoint) {
      let created = 0;
      for (let i = 0; i < toWrite.length; i += BATCH) {
        checkpoint();
        created += await records.insertImported(
          trx,
          { orgId: job.orgId, jobId: job.id, reason: job.reason },
          toWrite.slice(i, i + BATCH),
        );
      }
      return { created, skipped: alreadyRecorded + (toWrite.length - created) };
    },
  };
}

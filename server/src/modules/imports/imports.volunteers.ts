import type { ErrorCode } from '@yiqi/shared/errors';
import { ImportVolunteerRow } from '@yiqi/shared/contracts/imports';
import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { checkIdentity, checkMinorRule, checkPastInstant, docIndex } from '../volunteers/person.ts';
import { registerBatchOnBehalf, type ImportedPerson } from '../volunteers/registration.service.ts';
import { addImportedMembers } from '../memberships/memberships.service.ts';
import { parseDocType, parseGender, VOLUNTEER_COLUMNS } from './imports.columns.ts';
import { readDataRows, TOO_LONG, type Cell, type DataRow } from './imports.reader.ts';
import * as repo from './imports.repository.ts';
import { BATCH, type ErrorList, type ImportSpec, type JobInfo } from './imports.kinds.ts';

/**
 * Volunteers registered by an organization on their behalf, from its Excel list. Each row gets the checks
 * of registration on someone's behalf; the commit reads the file a second time rather than holding 100,000
 * prepared rows, and writes them in multi-row INSERTs inside one transaction.
 *
 * Everyone the list names becomes an active member of the organization (role member, source import) in
 * that same transaction, through the memberships module: the people it registers, batch by batch, and the
 * rows naming people already registered (active records only), in one statement at the end. A person with
 * an open membership of the team (applied, invited, active) is left as they are, so importing a file twice
 * adds nobody twice.
 */

type Report = (column: string | null, code: ErrorCode) => void;

const pad = (n: number) => String(n).padStart(2, '0');

/** Text of a cell; a date typed into a text column reads as YYYY-MM-DD. */
function text(c: Cell | undefined, report: Report, column: string): string {
  if (c === undefined || c === '') return '';
  if (c === TOO_LONG) {
    report(column, 'IMPORT_NUMBER_NOT_TEXT');
    return '';
  }
  if (c instanceof Date) return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())}`;
  return c;
}

/** YYYY-MM-DD from a date cell or from 2026-1-5, 2026/01/05, 2026.01.05 or 20260105. */
export function parseDay(c: Cell | undefined, report: Report, column: string): string | undefined {
  const s = text(c, report, column);
  if (!s) return undefined;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  // Anything else is left as it is, for the schema to reject.
  return m ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : s;
}

/**
 * An instant from a date cell or text. Times without a zone are Beijing time (UTC+8), as the people who
 * fill in the list read them; Excel date cells carry the wall-clock time as if it were UTC.
 */
export function parseInstant(c: Cell | undefined): string | undefined | null {
  if (c === undefined || c === '') return undefined;
  if (c === TOO_LONG) return null;
  if (c instanceof Date) return new Date(c.getTime() - 8 * 3600_000).toISOString();
  const s = c.replace(/\s+/g, ' ');
  if (/\d(Z|[+-]\d{2}:?\d{2})$/i.test(s) && s.includes('T')) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1) as string[];
  const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h) - 8, Number(mi), Number(se));
  const check = new Date(at + 8 * 3600_000);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23)
    return null;
  return new Date(at).toISOString();
}

/** One checked person of a row, or null when the row has problems (each reported). */
export function readPerson(
  ctx: Ctx,
  regions: Set<string>,
  row: DataRow,
  report: Report,
): (ImportedPerson & { docBidx: Buffer }) | null {
  const failed = new Set<string>();
  const fail: Report = (column, code) => {
    if (column && failed.has(column)) return;
    if (column) failed.add(column);
    report(column, code);
  };
  const cell = (k: string) => row.cells.get(k);
  const docTypeText = text(cell('docType'), fail, 'docType');
  const docType = docTypeText ? parseDocType(docTypeText) : undefined;
  if (docTypeText && !docType) fail('docType', 'IMPORT_CELL_INVALID');
  const genderText = text(cell('gender'), fail, 'gender');
  const gender = genderText ? parseGender(genderText) : undefined;
  if (genderText && !gender) fail('gender', 'IMPORT_CELL_INVALID');
  const consent = parseInstant(cell('consentRecordedAt'));
  if (consent === null) fail('consentRecordedAt', 'IMPORT_CELL_INVALID');
  const input = {
    name: text(cell('name'), fail, 'name') || undefined,
    docType: docType ?? (docTypeText ? 'unknown' : undefined),
    docNumber: text(cell('docNumber'), fail, 'docNumber') || undefined,
    phone: text(cell('phone'), fail, 'phone') || undefined,
    regionCode: text(cell('regionCode'), fail, 'regionCode') || undefined,
    birthDate: parseDay(cell('birthDate'), fail, 'birthDate'),
    gender,
    consentRecordedAt: consent ?? undefined,
    consentEvidence: text(cell('consentEvidence'), fail, 'consentEvidence') || undefined,
    privacyNoticeVersion: text(cell('privacyNoticeVersion'), fail, 'privacyNoticeVersion') || undefined,
  };
  const parsed = ImportVolunteerRow.safeParse(input);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      const empty = (input as Record<string, unknown>)[key] === undefined;
      fail(key || null, empty ? 'IMPORT_CELL_REQUIRED' : 'IMPORT_CELL_INVALID');
    }
  const attempt = (column: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      fail(column, e.code === 'VALIDATION_FAILED' ? 'IMPORT_CELL_INVALID' : e.code);
    }
  };
  let identity: ImportedPerson['identity'] | undefined;
  if (docType && input.docNumber && !failed.has('docNumber')) {
    const birthDate = failed.has('birthDate') ? undefined : input.birthDate;
    try {
      identity = checkIdentity(ctx, docType, input.docNumber, birthDate, gender);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      // The number is fine, but birth date and gender are missing or disagree with it.
      if (e.code === 'BIRTH_DATE_REQUIRED') fail('birthDate', e.code);
      else if (e.code === 'VALIDATION_FAILED') fail('birthDate', 'IMPORT_CELL_INVALID');
      else fail('docNumber', e.code);
    }
  }
  if (identity) attempt('birthDate', () => checkMinorRule(ctx, identity!.birthDate, undefined, 'on_behalf'));
  if (consent && !failed.has('consentRecordedAt'))
    attempt('consentRecordedAt', () => checkPastInstant(ctx, consent, 'consentRecordedAt'));
  if (input.regionCode && !failed.has('regionCode') && !regions.has(input.regionCode))
    fail('regionCode', 'REGION_NOT_FOUND');
  if (failed.size > 0 || !identity || !parsed.success) return null;
  return {
    identity,
    name: parsed.data.name,
    phone: parsed.data.phone,
    regionCode: parsed.data.regionCode,
    privacyNoticeVersion: parsed.data.privacyNoticeVersion ?? null,
    consentAt: new Date(parsed.data.consentRecordedAt),
    consentEvidence: parsed.data.consentEvidence,
    docBidx: docIndex(ctx, identity.docType, identity.number),
  };
}

export function volunteerImport(ctx: Ctx, job: JobInfo, errors: ErrorList): ImportSpec {
  let regions = new Set<string>();
  /** Document index (base64) → first row with it: one person, one row. */
  const seen = new Map<string, number>();
  /** Rows whose person is already registered: left out of the commit, counted as skipped. */
  const registered = new Set<number>();
  /** Ids of already registered people the list names who are not yet open members of the team. */
  const toJoin: string[] = [];
  let pending: { row: number; bidx: Buffer }[] = [];
  const join = (trx: Ctx, ids: string[]) =>
    addImportedMembers(
      trx,
      job.orgId,
      ids.map((volunteerId) => ({ volunteerId, role: 'member' as const })),
    );

  return {
    columns: VOLUNTEER_COLUMNS,
    missing: (present) =>
      VOLUNTEER_COLUMNS.filter((c) => c.required && !present.has(c.key)).map((c) => c.key),
    async init() {
      regions = await repo.allRegionCodes(ctx.db);
    },
    check(row) {
      const p = readPerson(ctx, regions, row, (column, code) => errors.add(row.row, column, code));
      if (!p) return;
      const key = p.docBidx.toString('base64');
      const first = seen.get(key);
      if (first !== undefined)
        return errors.add(row.row, 'docNumber', 'IMPORT_DUPLICATE_IN_FILE', { duplicateOf: first });
      seen.set(key, row.row);
      pending.push({ row: row.row, bidx: p.docBidx });
    },
    async flush() {
      const batch = pending;
      pending = [];
      const found = await repo.registeredByDocIndex(
        ctx.db,
        batch.map((p) => p.bidx),
      );
      const active: string[] = [];
      for (const p of batch) {
        const v = found.get(p.bidx.toString('hex'));
        if (!v) continue;
        registered.add(p.row);
        if (v.active) active.push(v.id);
      }
      const open = await repo.openMemberships(ctx.db, job.orgId, active);
      for (const id of active) if (!open.has(id)) toJoin.push(id);
    },
    async commit(trx, file, checkpoint) {
      const used = new Set<string>();
      let created = 0;
      let skipped = registered.size;
      let batch: ImportedPerson[] = [];
      // One batch is written while the next is read: parsing overlaps with the database's work.
      let inFlight: Promise<void> = Promise.resolve();
      const write = async (people: ImportedPerson[]) => {
        const ids = await registerBatchOnBehalf(trx, job.orgId, people, used);
        created += ids.length;
        skipped += people.length - ids.length; // registered meanwhile by someone else
        // Those registered meanwhile by someone else join too, when their record is active.
        let joining = ids;
        if (ids.length < people.length) {
          const found = await repo.registeredByDocIndex(
            trx.db,
            people.map((p) => p.docBidx!),
          );
          joining = [...found.values()].filter((v) => v.active).map((v) => v.id);
        }
        await join(trx, joining);
      };
      const flush = async () => {
        checkpoint();
        await inFlight; // one statement at a time on the transaction's connection
        inFlight = write(batch);
        inFlight.catch(() => {}); // rethrown by the next await
        batch = [];
      };
      const strict = () => {
        throw new Error('a row that passed validation failed on the second reading');
      };
      for await (const row of readDataRows(file, this)) {
        if (registered.has(row.row)) continue;
        batch.push(readPerson(trx, regions, row, strict)!);
        if (batch.length >= BATCH) await flush();
      }
      if (batch.length) await flush();
      await inFlight;
      checkpoint();
      await join(trx, toJoin);
      return { created, skipped };
    },
  };
}

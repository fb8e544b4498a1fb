import type { ErrorCode } from '@yiqi/shared/errors';
import { checkDocument } from '@yiqi/shared/identity/documents';
import type { Ctx } from '../../core/ctx.ts';
import { docIndex } from '../volunteers/person.ts';
import { parseDocType } from './imports.columns.ts';
import { TOO_LONG, type Cell } from './imports.reader.ts';
import * as repo from './imports.repository.ts';

/**
 * The person a row names, in the lists that point at registered volunteers (members, hours): a volunteer
 * number, or else a document type and number. Rows are collected while validating and resolved a batch
 * at a time in one query.
 */

export function text(c: Cell | undefined): string | typeof TOO_LONG {
  if (c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return c;
}

export type PersonRef =
  { column: 'volunteerNo'; no: string } | { column: 'docNumber'; bidx: Buffer; hex: string };

export interface Person {
  id: string;
  name: string | null;
}

/** A header names a person by a volunteer number column, or by document type and number columns. */
export function missingPerson(present: Set<string>): string[] {
  return present.has('volunteerNo') || (present.has('docType') && present.has('docNumber'))
    ? []
    : ['volunteerNo'];
}

/** Reads the person cells of a row; a problem is reported through `add` and gives undefined. */
export function personRef(
  ctx: Ctx,
  cells: Map<string, Cell>,
  add: (column: string, code: ErrorCode) => void,
): PersonRef | undefined {
  const cell = text(cells.get('volunteerNo'));
  if (cell === TOO_LONG) return void add('volunteerNo', 'IMPORT_NUMBER_NOT_TEXT');
  // Full-width digits or spaces typed into a volunteer number (documents are normalised by checkDocument).
  const no = cell.normalize('NFKC').replace(/\s+/g, '');
  if (no) {
    if (no.length > 32) return void add('volunteerNo', 'IMPORT_CELL_INVALID');
    return { column: 'volunteerNo', no };
  }
  const typeText = text(cells.get('docType'));
  const number = text(cells.get('docNumber'));
  if (number === TOO_LONG) return void add('docNumber', 'IMPORT_NUMBER_NOT_TEXT');
  if (!typeText && !number) return void add('volunteerNo', 'IMPORT_CELL_REQUIRED');
  const docType = typeof typeText === 'string' && typeText ? parseDocType(typeText) : undefined;
  if (!docType) return void add('docType', typeText ? 'IMPORT_CELL_INVALID' : 'IMPORT_CELL_REQUIRED');
  if (!number) return void add('docNumber', 'IMPORT_CELL_REQUIRED');
  const c = checkDocument(docType, number, ctx.clock());
  if (!c.ok) return void add('docNumber', `DOCUMENT_${c.problem ?? 'FORMAT'}`);
  const bidx = docIndex(ctx, docType, c.number);
  return { column: 'docNumber', bidx, hex: bidx.toString('hex') };
}

/** The active volunteers the refs name (one query); a ref without one is missing from the map. */
export async function resolvePeople(ctx: Ctx, refs: PersonRef[]): Promise<Map<PersonRef, Person>> {
  const nos: string[] = [];
  const bidxes: Buffer[] = [];
  for (const r of refs) {
    if (r.column === 'volunteerNo') nos.push(r.no);
    else bidxes.push(r.bidx);
  }
  const found = await repo.activeVolunteers(ctx.db, nos, bidxes);
  const byNo = new Map(found.map((v) => [v.volunteerNo, v]));
  const byDoc = new Map(found.filter((v) => v.doc).map((v) => [v.doc!, v]));
  const out = new Map<PersonRef, Person>();
  for (const r of refs) {
    const v = r.column === 'volunteerNo' ? byNo.get(r.no) : byDoc.get(r.hex);
    if (v) out.set(r, { id: v.id, name: v.name });
  }
  return out;
}

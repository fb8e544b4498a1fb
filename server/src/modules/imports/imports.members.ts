import type { ErrorCode } from '@yiqi/shared/errors';
import { checkDocument } from '@yiqi/shared/identity/documents';
import type { MembershipRole } from '@yiqi/shared/contracts/memberships';
import { actorOf, type Ctx } from '../../http/context.ts';
import { docIndex } from '../volunteers/person.ts';
import { MEMBER_COLUMNS, parseDocType, parseRole } from './imports.columns.ts';
import { TOO_LONG, type Cell } from './imports.reader.ts';
import * as repo from './imports.repository.ts';
import { BATCH, type ErrorList, type ImportSpec, type JobInfo } from './imports.spec.ts';

/**
 * Members of a team from its Excel list: each row names a registered volunteer (by number, or by document)
 * and a role in the team. The people are resolved in batched lookups while validating, so the commit
 * writes from the resolved list (two ids per row) without reading the file again.
 */

function text(c: Cell | undefined): string | typeof TOO_LONG {
  if (c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return c;
}

interface Pending {
  row: number;
  role: MembershipRole;
  column: 'volunteerNo' | 'docNumber';
}

export function memberImport(ctx: Ctx, job: JobInfo, errors: ErrorList): ImportSpec {
  let byNumber: (Pending & { no: string })[] = [];
  let byDoc: (Pending & { bidx: Buffer })[] = [];
  /** Volunteer id → first row naming them. */
  const seen = new Map<string, number>();
  const toAdd: { volunteerId: string; role: MembershipRole }[] = [];
  let alreadyMembers = 0;

  const add = (row: number, column: string | null, code: ErrorCode) => errors.add(row, column, code);

  return {
    columns: MEMBER_COLUMNS,
    missing: (present) =>
      present.has('volunteerNo') || (present.has('docType') && present.has('docNumber'))
        ? []
        : ['volunteerNo'],
    async init() {},
    check({ row, cells }) {
      const no = text(cells.get('volunteerNo'));
      const typeText = text(cells.get('docType'));
      const number = text(cells.get('docNumber'));
      const roleText = text(cells.get('role'));
      const role = typeof roleText === 'string' ? parseRole(roleText) : undefined;
      if (!role) add(row, 'role', 'IMPORT_CELL_INVALID');
      if (no === TOO_LONG) return add(row, 'volunteerNo', 'IMPORT_NUMBER_NOT_TEXT');
      if (no) {
        if (no.length > 32) return add(row, 'volunteerNo', 'IMPORT_CELL_INVALID');
        if (role) byNumber.push({ row, role, column: 'volunteerNo', no });
        return;
      }
      if (number === TOO_LONG) return add(row, 'docNumber', 'IMPORT_NUMBER_NOT_TEXT');
      if (!typeText && !number) return add(row, 'volunteerNo', 'IMPORT_CELL_REQUIRED');
      const docType = typeof typeText === 'string' && typeText ? parseDocType(typeText) : undefined;
      if (!docType) return add(row, 'docType', typeText ? 'IMPORT_CELL_INVALID' : 'IMPORT_CELL_REQUIRED');
      if (!number) return add(row, 'docNumber', 'IMPORT_CELL_REQUIRED');
      const c = checkDocument(docType, number, ctx.clock());
      if (!c.ok) return add(row, 'docNumber', `DOCUMENT_${c.problem ?? 'FORMAT'}`);
      if (role) byDoc.push({ row, role, column: 'docNumber', bidx: docIndex(ctx, docType, c.number) });
    },
    async flush() {
      const [numbers, docs] = [byNumber, byDoc];
      byNumber = [];
      byDoc = [];
      const idByNo = new Map(
        (
          await repo.activeVolunteersByNumber(
            ctx.db,
            numbers.map((p) => p.no),
          )
        ).map((v) => [v.volunteer_no, v.id]),
      );
      const idByDoc = await repo.activeVolunteersByDocIndex(
        ctx.db,
        docs.map((p) => p.bidx),
      );
      const resolved: (Pending & { volunteerId: string })[] = [];
      for (const p of [...numbers, ...docs]) {
        const id = 'no' in p ? idByNo.get(p.no) : idByDoc.get(p.bidx.toString('hex'));
        if (!id) {
          add(p.row, p.column, 'MEMBER_VOLUNTEER_NOT_FOUND');
          continue;
        }
        const first = seen.get(id);
        if (first !== undefined) {
          errors.add(p.row, p.column, 'IMPORT_DUPLICATE_IN_FILE', { duplicateOf: first });
          continue;
        }
        seen.set(id, p.row);
        resolved.push({ ...p, volunteerId: id });
      }
      const open = await repo.openMemberships(
        ctx.db,
        job.orgId,
        resolved.map((p) => p.volunteerId),
      );
      for (const p of resolved)
        if (open.has(p.volunteerId)) alreadyMembers++;
        else toAdd.push({ volunteerId: p.volunteerId, role: p.role });
    },
    async commit(trx, _file, checkpoint) {
      let created = 0;
      const at = trx.clock();
      for (let i = 0; i < toAdd.length; i += BATCH) {
        checkpoint();
        const batch = toAdd.slice(i, i + BATCH);
        created += await repo.insertImportedMemberships(trx.db, job.orgId, batch, actorOf(trx).userId, at);
      }
      return { created, skipped: alreadyMembers + (toAdd.length - created) };
    },
  };
}

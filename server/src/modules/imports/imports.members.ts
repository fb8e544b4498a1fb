import type { ErrorCode } from '@yiqi/shared/errors';
import type { MembershipRole } from '@yiqi/shared/contracts/memberships';
import type { Ctx } from '../../core/ctx.ts';
import { addImportedMembers } from '../memberships/memberships.service.ts';
import { MEMBER_COLUMNS, parseRole } from './imports.columns.ts';
import { missingPerson, personRef, resolvePeople, text, type PersonRef } from './imports.people.ts';
import * as repo from './imports.repository.ts';
import { BATCH, type ErrorList, type ImportSpec, type JobInfo } from './imports.kinds.ts';

/**
 * Members of a team from its Excel list: each row names a registered volunteer (by number, or by document)
 * and a role in the team. The people are resolved in batched lookups while validating, so the commit
 * writes from the resolved list (two ids per row) without reading the file again.
 */

interface Pending {
  row: number;
  role: MembershipRole;
  ref: PersonRef;
}

export function memberImport(ctx: Ctx, job: JobInfo, errors: ErrorList): ImportSpec {
  let pending: Pending[] = [];
  /** Volunteer id → first row naming them. */
  const seen = new Map<string, number>();
  const toAdd: { volunteerId: string; role: MembershipRole }[] = [];
  let alreadyMembers = 0;

  return {
    columns: MEMBER_COLUMNS,
    missing: missingPerson,
    async init() {},
    check({ row, cells }) {
      const add = (column: string | null, code: ErrorCode) => errors.add(row, column, code);
      const roleText = text(cells.get('role'));
      const role = typeof roleText === 'string' ? parseRole(roleText) : undefined;
      if (!role) add('role', 'IMPORT_CELL_INVALID');
      const ref = personRef(ctx, cells, add);
      if (ref && role) pending.push({ row, role, ref });
    },
    async flush() {
      const batch = pending;
      pending = [];
      const people = await resolvePeople(
        ctx,
        batch.map((p) => p.ref),
      );
      const resolved: (Pending & { volunteerId: string })[] = [];
      for (const p of batch) {
        const person = people.get(p.ref);
        if (!person) {
          errors.add(p.row, p.ref.column, 'MEMBER_VOLUNTEER_NOT_FOUND');
          continue;
        }
        const first = seen.get(person.id);
        if (first !== undefined) {
          errors.add(p.row, p.ref.column, 'IMPORT_DUPLICATE_IN_FILE', { duplicateOf: first });
          continue;
        }
        seen.set(person.id, p.row);
        resolved.push({ ...p, volunteerId: person.id });
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
      checkpoint();
      // One set-based statement for the whole list, through the memberships module that owns the table.
      const created = await addImportedMembers(trx, job.orgId, toAdd);
      return { created, skipped: alreadyMembers + (toAdd.length - created) };
    },
  };
}

import type { z } from 'zod';
import type { CertificateCheck } from '@yiqi/shared/contracts/certificates';
import { CERTIFICATE_NUMBER, normalizeCertificateNumber } from '@yiqi/shared/contracts/certificates';
import { maskName } from '@yiqi/shared/identity/mask';
import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';

import { contentHash, hoursOf, type CertifiedRecord } from './certificates.content.ts';
import * as repo from './certificates.repository.ts';
import { chinaDate } from '../../core/dates.ts';

/** Certificate check (证明核验) by number: the one thing about certificates anyone may do. */

const dayOf = (d: Date | string | null) => (d ? chinaDate(new Date(d)) : null);

/**
 * Anyone may check a number: whether it was issued and not revoked, by whom, for how many hours, the
 * masked name, and whether its records changed since (a record corrected, i.e. superseded, or its content
 * no longer hashing to what was frozen). Nothing else about the person is shown.
 */
export async function checkCertificate(ctx: Ctx, raw: string): Promise<z.infer<typeof CertificateCheck>> {
  const number = normalizeCertificateNumber(raw);
  if (!CERTIFICATE_NUMBER.test(number)) throw new DomainError('NOT_FOUND');
  const c = await repo.findByNumber(ctx.db, number);
  if (!c || (c.status !== 'issued' && c.status !== 'revoked') || !c.record_ids)
    throw new DomainError('NOT_FOUND');
  const rows = await repo.recordsByIds(ctx.db, c.record_ids);
  const changed =
    rows.length !== c.record_ids.length ||
    rows.some((r) => r.status !== 'confirmed') ||
    contentHash(c.volunteer_no, rows as CertifiedRecord[]) !== c.content_hash;
  return {
    number,
    status: c.status,
    valid: c.status === 'issued' && !changed,
    changed,
    issuerName: c.issuer_name!,
    originalUnitName: c.original_unit_name,
    volunteerName: c.volunteer_name ? maskName(c.volunteer_name) : '—',
    recordCount: c.record_ids.length,
    totalMinutes: c.total_minutes ?? 0,
    totalHours: hoursOf(c.total_minutes ?? 0),
    issueDate: dayOf(c.issued_at)!,
    revokedDate: dayOf(c.revoked_at),
  };
}

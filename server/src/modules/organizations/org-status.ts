import { DomainError } from '../../core/domain-error.ts';

/**
 * Work that needs a live organization (members, activities, sign-ups, imports, sub-teams) is refused
 * unless it is approved; a dissolved one says so rather than "not approved yet", which would mislead.
 */
export function assertActiveOrg(
  status: string,
  notApproved: 'ORG_NOT_APPROVED' | 'REGISTERING_ORG_NOT_APPROVED' = 'ORG_NOT_APPROVED',
): void {
  if (status === 'dissolved') throw new DomainError('ORG_DISSOLVED');
  if (status !== 'approved') throw new DomainError(notApproved);
}

import { checkDocument, type DocumentType } from '@yiqi/shared/identity/documents';
import type { Config } from '../../lib/config.ts';

/**
 * An external real-name check (name + document number against the issuing authority's records, as
 * the public-security "身份核验" services offer). Only mainland ID cards can be checked this way; other
 * documents go to manual review of an uploaded copy.
 */
export interface IdentityVerifier {
  verify(name: string, docType: DocumentType, number: string): Promise<{ ok: boolean; reason?: string }>;
}

/**
 * Numbers the local stand-in always refuses, so tests and demos can show a failed check. They have
 * valid check characters: a refusal here is "no such person", not a typo.
 */
export const LOCAL_REJECTED_NUMBERS: ReadonlySet<string> = new Set([
  '440305199001010018',
  '44030519851212002X',
]);

const NAME = /^(?:[\p{Script=Han}·]{2,20}|[A-Za-z][A-Za-z .'-]{1,19})$/u;

/**
 * Deterministic stand-in for the external service, without any network: it accepts a well-formed name
 * with a number whose checksum holds, and refuses the numbers listed above. It proves the workflow, never
 * a person's identity; production configures a real service.
 */
export const localIdentityVerifier: IdentityVerifier = {
  async verify(name, docType, number) {
    if (docType !== 'mainland_id') return { ok: false, reason: 'unsupported_document' };
    if (!checkDocument(docType, number).ok) return { ok: false, reason: 'invalid_number' };
    if (LOCAL_REJECTED_NUMBERS.has(number)) return { ok: false, reason: 'no_match' };
    if (!NAME.test(name)) return { ok: false, reason: 'name_mismatch' };
    return { ok: true };
  },
};

const VERIFIERS: Record<string, IdentityVerifier> = { local: localIdentityVerifier };

/** The verifier the configuration names (IDENTITY_VERIFIER); an unknown name fails loudly rather than verifying nobody. */
export function identityVerifierFor(config: Config): IdentityVerifier {
  const name = config.identityVerifier;
  const v = VERIFIERS[name];
  if (!v) throw new Error(`unknown identity verifier "${name}"`);
  return v;
}

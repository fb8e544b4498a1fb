import { ageOn, checkDocument, type DocumentCheck, type DocumentType } from '@yiqi/shared/identity/documents';

/** Types whose numbers have 18 characters and carry birth date and gender. */
const EIGHTEEN: readonly DocumentType[] = [
  'mainland_id',
  'hk_residence_permit',
  'mo_residence_permit',
  'tw_residence_permit',
];

export interface DerivedIdentity {
  check: DocumentCheck | null;
  /** Still being typed: an 18-character number with fewer digits so far. */
  typing: boolean;
  /** From the number when it carries one, else as entered. */
  birthDate: string | undefined;
  age: number | undefined;
  /** Whether birth date and gender must be entered (the number does not carry them). */
  needsBirth: boolean;
}

/** What the form knows from the document so far: the instant check, birth date and age. */
export function deriveIdentity(
  docType: DocumentType | undefined,
  docNumber: string | undefined,
  enteredBirth: string | undefined,
  today = new Date(),
): DerivedIdentity {
  const raw = (docNumber ?? '').replace(/\s+/g, '');
  const check = docType && raw ? checkDocument(docType, raw, today) : null;
  const typing = Boolean(
    docType && EIGHTEEN.includes(docType) && check && !check.ok && /^\d{0,17}$/.test(raw),
  );
  const carries = check?.ok && check.birthDate;
  const foreign18 = docType === 'foreign_permanent_residence' && /^9/.test(raw);
  const needsBirth = Boolean(docType) && !EIGHTEEN.includes(docType!) && !carries && !foreign18;
  const birthDate = carries ? check.birthDate : needsBirth ? enteredBirth : undefined;
  const age = birthDate ? ageOn(birthDate, today) : undefined;
  return { check, typing, birthDate, age, needsBirth };
}

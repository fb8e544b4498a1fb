import { hash, verify } from '@node-rs/argon2';

/** argon2id with OWASP's second recommended parameter set (19 MiB, 2 passes). */
const OPTIONS = {
  algorithm: 2 /* Argon2id (a const enum, unusable under verbatimModuleSyntax) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so an unknown or locked account answers as slowly as a real one. */
export async function burnPasswordCheck(plain: string): Promise<void> {
  dummy ??= hashPassword('yiqi-timing-equaliser');
  await verifyPassword(await dummy, plain);
}

/** At least 10 characters with a letter and a digit. */
export function isStrongPassword(plain: string): boolean {
  return plain.length >= 10 && /[A-Za-z]/.test(plain) && /\d/.test(plain);
}

/**
 * The constraint a unique violation (SQLSTATE 23505) hit, or null for any other error. The same on
 * node-postgres and PGlite; the message stands in when a driver gives no constraint name.
 */
export function uniqueViolation(e: unknown): string | null {
  const err = e as { code?: string; constraint?: string; message?: string };
  if (err.code !== '23505') return null;
  return err.constraint ?? err.message ?? '';
}

/** True for a unique violation, of any constraint. */
export const isUniqueViolation = (e: unknown): boolean => uniqueViolation(e) !== null;

import { createHash } from 'node:crypto';

/**
 * Statement text → name, for the statements of compiledOnce (db/compiled.ts: fixed text, sent on every call),
 * which the pool sends as named prepared statements (db/database.ts namingPool; decision 0072).
 */
const named = new Map<string, string>();

/** Registers a statement of fixed text under a name derived from that text. */
export function nameStatement(text: string): void {
  named.set(text, `yiqi_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`);
}

/**
 * The name under which a statement is prepared on each connection, or undefined for any other statement
 * (built per call: its text may differ every time, so naming it would fill every connection with
 * statements used once). The text is the very string compiledOnce returns each time, so looking it up
 * costs one hash that V8 keeps with the string.
 */
export function preparedName(text: string): string | undefined {
  return named.get(text);
}

import { appendFileSync, closeSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/database.ts';
import type { Config } from '../../lib/config.ts';
import { keyedMac } from '../../lib/crypto.ts';
import { readChainHead, readLinkHashes, sequenceAudit } from './audit.repository.ts';

/**
 * The audit chain's head witnessed outside the database. Whoever controls the database (a superuser) can
 * recompute every hash after a change, or cut the newest rows and move the head back, and the chain will
 * still verify on its own. A signed (chain position, head hash) appended to a file the database cannot
 * write, and to the server log, pins the history: every witnessed link must keep its hash, and the chain
 * may never again be shorter than the last witness. The signature (HMAC under a sub-key of the application
 * key) means editing the file to match a rewritten chain needs the application key as well.
 */
export interface WitnessEntry {
  v: 1;
  at: string;
  /**
   * The head's chain position (audit_links.seq). Lines written before the sequencer (2026-12) hold a row
   * id, which was the same number: those rows became the links seq = id, so old lines still check.
   */
  id: number;
  hash: string;
  mac: string;
}

export interface WitnessProblem {
  /** 1-based line of the witness file. */
  line: number;
  id: number | null;
  /** unreadable line; signature wrong; chain now shorter; row gone; row's hash changed. */
  reason: 'unreadable' | 'signature' | 'truncated' | 'missing' | 'hash';
}

const PURPOSE = 'audit-witness';
const signedText = (at: string, id: number, hash: string) => `1|${at}|${id}|${hash}`;
const HEX64 = /^[0-9a-f]{64}$/;

function parseEntry(text: string): WitnessEntry | null {
  try {
    const e = JSON.parse(text) as Partial<WitnessEntry>;
    if (e.v !== 1 || typeof e.at !== 'string' || !Number.isSafeInteger(e.id) || (e.id as number) < 0)
      return null;
    if (typeof e.hash !== 'string' || !HEX64.test(e.hash) || typeof e.mac !== 'string') return null;
    return e as WitnessEntry;
  } catch {
    return null;
  }
}

/** The last line of the file, read from its tail: the file grows for years and lines are short. */
function lastEntry(file: string): WitnessEntry | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = statSync(file).size;
    const len = Math.min(size, 4096);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    const line = buf.toString('utf8').trimEnd().split('\n').at(-1);
    return line ? parseEntry(line) : null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Chains what has committed, then appends the head, signed, unless the file already ends with it (a quiet
 * server would otherwise add the same line every few minutes). Returns the entry written, or null.
 */
export async function witnessHead(
  db: Database,
  key: Buffer,
  file: string,
  now: Date = new Date(),
): Promise<WitnessEntry | null> {
  await sequenceAudit(db);
  const head = await readChainHead(db);
  const last = lastEntry(file);
  if (last && last.id === head.lastSeq && last.hash === head.headHash) return null;
  const at = now.toISOString();
  const entry: WitnessEntry = {
    v: 1,
    at,
    id: head.lastSeq,
    hash: head.headHash,
    mac: keyedMac(key, PURPOSE, signedText(at, head.lastSeq, head.headHash)),
  };
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, JSON.stringify(entry) + '\n', { mode: 0o600 });
  return entry;
}

/**
 * Checks every witnessed head against the chain as it is now; the first problem in file order is reported.
 * Links below the anchor were removed by a retention purge and cannot be checked (the anchor's own hash can).
 */
export async function compareWitness(db: Database, key: Buffer, file: string) {
  const entries: { line: number; e: WitnessEntry }[] = [];
  let problem: WitnessProblem | null = null;
  const note = (p: WitnessProblem) => {
    if (!problem || p.line < problem.line) problem = p;
  };
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim()) return;
      const e = parseEntry(text);
      if (!e) return note({ line: i + 1, id: null, reason: 'unreadable' });
      if (keyedMac(key, PURPOSE, signedText(e.at, e.id, e.hash)) !== e.mac)
        return note({ line: i + 1, id: e.id, reason: 'signature' });
      entries.push({ line: i + 1, e });
    });
  const head = await readChainHead(db);
  const hashes = await readLinkHashes(db, [
    ...new Set(entries.map((x) => x.e.id).filter((id) => id > head.anchorSeq && id <= head.newestSeq)),
  ]);
  let lastWitnessedId = 0;
  for (const { line, e } of entries) {
    lastWitnessedId = Math.max(lastWitnessedId, e.id);
    if (e.id > head.newestSeq) note({ line, id: e.id, reason: 'truncated' });
    else if (e.id === head.anchorSeq && e.hash !== head.anchorHash) note({ line, id: e.id, reason: 'hash' });
    else if (e.id > head.anchorSeq) {
      const now = hashes.get(e.id);
      if (now === undefined) note({ line, id: e.id, reason: 'missing' });
      else if (now !== e.hash) note({ line, id: e.id, reason: 'hash' });
    }
  }
  const found = problem as WitnessProblem | null;
  return { ok: found === null, checked: entries.length, lastWitnessedId, problem: found };
}

/**
 * The server's witness: the head at start, every AUDIT_WITNESS_MINUTES, and at stop, into the witness
 * file and the log (which usually leaves the machine, a second copy out of the database's reach).
 */
export function startAuditWitness(db: Database, config: Config, log: FastifyBaseLogger) {
  const write = (why: string) =>
    witnessHead(db, config.appKey, config.auditWitnessFile)
      .then((entry) => {
        if (entry) log.info({ auditWitness: entry, why }, 'audit chain head witnessed');
      })
      .catch((err: unknown) => log.error({ err }, 'audit chain head could not be witnessed'));
  const minutes = config.auditWitnessMinutes;
  const timer = minutes ? setInterval(() => void write('timer'), minutes * 60_000) : null;
  timer?.unref();
  void write('start');
  return {
    async stop() {
      if (timer) clearInterval(timer);
      await write('stop');
    },
  };
}

#!/usr/bin/env node
// Searches text (the server logs of a test run, a database dump) for personal data and secrets that must
// never be there: mainland ID numbers (18 characters with a valid GB 11643 check digit), mobile numbers
// (1[3-9] and 9 digits, not part of a longer number), the passwords that seeds and tests use, and session
// tokens (the session cookie's value, bearer tokens, "token" fields). Prints counts per kind, a few masked
// samples, and fails when anything is found.
//
//   node scripts/scan-personal-data.mjs [--allow-empty] <file or folder>...
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 check digit of an 18-character citizen ID number. */
export function validIdNumber(s) {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return CHECK[sum % 11] === s[17].toUpperCase();
}

/** Every literal password in the seeds and tests (password…: '…' / PASSWORD = '…', 8+ characters). */
export function knownPasswords(roots = ['server/src', 'e2e', 'scripts', 'bench']) {
  const found = new Set(['Yiqi-demo-2026']);
  const walk = (dir) => {
    let names;
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name === 'node_modules' || name === 'dist') continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|mjs)$/.test(name))
        for (const m of readFileSync(p, 'utf8').matchAll(
          /password\w*['"]?\s*[:=]\s*['"]([^'"\s$`]{8,64})['"]/gi,
        ))
          found.add(m[1]);
    }
  };
  roots.forEach(walk);
  return [...found];
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Counts of each kind of finding in a text, with the first few (masked) for the report. */
export function scanText(text, passwords = knownPasswords()) {
  const findings = { idNumbers: [], phones: [], passwords: [], tokens: [] };
  // Not after a decimal point: a logged float (responseTime 0.057616000005509704) can pass the checksum.
  for (const m of text.matchAll(/(?<![0-9A-Za-z.])\d{17}[\dXx](?![0-9A-Za-z])/g))
    if (validIdNumber(m[0])) findings.idNumbers.push(m[0]);
  for (const m of text.matchAll(/(?<![0-9A-Za-z.+-])1[3-9]\d{9}(?![0-9A-Za-z])/g)) findings.phones.push(m[0]);
  if (passwords.length) {
    const re = new RegExp(passwords.map(escape).join('|'), 'g');
    for (const m of text.matchAll(re)) findings.passwords.push(m[0]);
  }
  for (const m of text.matchAll(
    /(?:yiqi_sid=|[Bb]earer\s+|"(?:token|sessionToken|cookie|authorization)"\s*:\s*")([A-Za-z0-9_\-+/=.]{16,})/g,
  ))
    findings.tokens.push(m[1]);
  return findings;
}

const mask = (s) => (s.length <= 6 ? '***' : `${s.slice(0, 3)}…${s.slice(-2)}`);

function files(paths) {
  const out = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) for (const n of readdirSync(p).sort()) out.push(...files([join(p, n)]));
    else out.push(p);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const allowEmpty = process.argv.includes('--allow-empty');
  const paths = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!paths.length) {
    console.error('usage: scan-personal-data.mjs <file or folder>...');
    process.exit(2);
  }
  const passwords = knownPasswords();
  const list = files(paths);
  const total = { idNumbers: 0, phones: 0, passwords: 0, tokens: 0 };
  let bytes = 0;
  for (const f of list) {
    const text = readFileSync(f, 'utf8');
    bytes += text.length;
    const found = scanText(text, passwords);
    for (const [kind, hits] of Object.entries(found)) {
      total[kind] += hits.length;
      if (hits.length)
        console.error(`  ${f}: ${hits.length} ${kind}, e.g. ${hits.slice(0, 3).map(mask).join(', ')}`);
    }
  }
  console.log(
    `personal-data scan of ${list.length} file(s), ${(bytes / 1024).toFixed(0)} KiB: ` +
      `${total.idNumbers} ID numbers, ${total.phones} phones, ${total.passwords} passwords, ${total.tokens} tokens`,
  );
  if ((list.length === 0 || bytes === 0) && !allowEmpty) {
    console.error('nothing was logged: the scan would prove nothing (is YIQI_TEST_LOG_DIR honoured?)');
    process.exit(1);
  }
  process.exit(Object.values(total).some((n) => n > 0) ? 1 : 0);
}

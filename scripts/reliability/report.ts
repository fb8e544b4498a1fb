// What the drills print: checks (✓/✗, and a failure when any is off) and the audit chain's verification
// through the app's own CLI (npm run audit:verify), so the drills follow whatever the chain becomes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npmRun } from './proc.ts';

export const seconds = (s: number) => (s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`);

export class Checks {
  private list: [string, number | string, number | string][] = [];

  add(what: string, got: number | string, want: number | string) {
    this.list.push([what, got, want]);
  }

  get failed() {
    return this.list.filter(([, got, want]) => got !== want);
  }

  /** Prints every check; throws when one fails, so a drill that lost or doubled something cannot pass. */
  print(title: string) {
    console.log(`\n   ${title}:`);
    for (const [what, got, want] of this.list)
      console.log(
        `     ${got === want ? '✓' : '✗'} ${what}: ${got}${got === want ? '' : ` (expected ${want})`}`,
      );
    if (this.failed.length) throw new Error(`${title}: ${this.failed.map(([w]) => w).join('; ')}`);
  }
}

export interface AuditResult {
  ok: boolean;
  /** The head the CLI witnessed ("<row id> <hash>"), or null when it printed none. */
  head: string | null;
  summary: string;
}

/**
 * `npm run audit:verify` against a deployment (its env: database and key), witnessing into a fresh file so
 * the CLI always prints the head it verified. Exit code 0 = intact.
 */
export async function auditVerify(env: Record<string, string>): Promise<AuditResult> {
  const dir = mkdtempSync(join(tmpdir(), 'yiqi-witness-'));
  try {
    const r = await npmRun('audit:verify', [], { ...env, AUDIT_WITNESS_FILE: join(dir, 'witness.jsonl') });
    const entry = /witnessed head row \S+ in \S+: (\{.*\})/.exec(r.output)?.[1];
    let head: string | null = null;
    if (entry) {
      const e = JSON.parse(entry) as { id?: unknown; hash?: unknown };
      head = `${e.id} ${e.hash}`;
    }
    const lines = r.output
      .trim()
      .split('\n')
      .filter((l) => !/^witnessed head/.test(l));
    return { ok: r.code === 0, head, summary: `${lines.join('; ')}${head ? `; head row ${head}` : ''}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

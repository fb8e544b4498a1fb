import type { Database } from '../../db/database.ts';
import * as repo from './organizations.repository.ts';

/*
 * Who issues certificates of an organization's records. 志愿服务记录与证明出具办法: "if the issuer
 * dissolved, its successor or superior issues it". So: the organization itself while it is not dissolved;
 * once dissolved, whoever issues for its successor, or without a successor for its parent (so a chain of
 * dissolutions is followed to the end); null when nothing is left: the region administrators of the
 * recording unit's region issue then. A dissolved parent is asked the same question, so its own successor
 * comes before its own parent.
 */

export type IssuerOrg = NonNullable<Awaited<ReturnType<typeof repo.findSuccessionNode>>>;

/** Successors and parents are checked when set, but a loop through both is possible; it ends here. */
const MAX_STEPS = 32;

export async function issuerOf(db: Database, orgId: string): Promise<IssuerOrg | null> {
  const seen = new Set<string>();
  let id: string | null = orgId;
  while (id && !seen.has(id) && seen.size < MAX_STEPS) {
    seen.add(id);
    const o = await repo.findSuccessionNode(db, id);
    if (!o) return null;
    if (o.status !== 'dissolved') return o;
    id = o.successor_id ?? o.parent_id;
  }
  // A loop of dissolved organizations (e.g. a successor that was a sub-team of a dissolved parent whose
  // successor it was): nobody in it issues, so the region administrators do.
  return null;
}

/**
 * The issuer, read inside the caller's transaction and held there (FOR SHARE) so that it cannot be
 * dissolved before the transaction commits: a concurrent dissolution waits, then moves what this wrote.
 * If it was dissolved meanwhile, the walk starts again.
 */
export async function lockedIssuerOf(trx: Database, orgId: string): Promise<IssuerOrg | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const issuer = await issuerOf(trx, orgId);
    if (!issuer) return null;
    const status = await repo.lockForShare(trx, issuer.id);
    if (status !== 'dissolved') return issuer;
  }
  throw new Error(`issuer of organization ${orgId} keeps moving`);
}

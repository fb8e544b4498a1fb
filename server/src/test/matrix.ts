/**
 * The contract between the authorization matrix (http/authorization.matrix.test.ts) and each module's
 * fixtures (`modules/<module>/<module>.matrix.ts`, named by the module's manifest): a module exports
 * `matrixFixtures: MatrixFixtures`, the cases of its routes keyed by 'METHOD /url' as registered.
 */
import type { Role } from '@yiqi/shared/roles';
import type { TestApp, TestUser } from './harness.ts';

export type Relation =
  'none' | 'self' | 'same' | 'descendant' | 'ancestor' | 'sibling' | 'other_city' | 'other_province';
/** The relations of a target (region or organization) to the caller's Nanshan scope. */
export type TargetRelation = Exclude<Relation, 'none' | 'self'>;

export interface MatrixActor {
  name: string;
  role: Role | 'user' | 'anonymous';
  mfa: boolean;
  cookie?: string;
  user?: TestUser;
}

export interface MatrixReq {
  method: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** How to call a route for a relation; null when the relation does not apply to the route. */
export type MatrixFixture = (
  rel: Relation,
  actor: MatrixActor,
) => Promise<MatrixReq | null> | MatrixReq | null;

/** What the matrix gives every module's fixtures (filled in before the first case runs). */
export interface MatrixEnv {
  t: () => TestApp;
  /** A region per relation (same: Nanshan 440305, descendant: a street of it, …). */
  regions: Record<TargetRelation, string>;
  /** An approved organization in each relation's region (the org admin administers orgs.same). */
  orgs: Record<TargetRelation, string>;
  /** The actor's own volunteer record, made once (anonymous gets one without an account). */
  volunteerOf: (actor: { name: string }) => Promise<string>;
}

export type MatrixFixtures = (env: MatrixEnv) => Record<string, MatrixFixture>;

/** Whether a relation names a target (a region or organization), not "none" or "self". */
export const targeted = (rel: Relation): rel is TargetRelation => rel !== 'none' && rel !== 'self';

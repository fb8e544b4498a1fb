import { isInSubtree, type RegionLevel } from '@yiqi/shared/regions';
import type { MeView, MyRole } from '../auth/api.ts';
import { GUANGDONG } from './api.ts';

/** The user's region-bound grants (organization grants have no region subtree of their own). */
export function regionScopes(me: MeView): MyRole[] {
  return me.roles.filter((r) => r.scopeType === 'region');
}

/** True when the region lies within one of the scopes (the scope's own region included). */
export function inScopes(code: string, scopes: MyRole[]): boolean {
  return scopes.some((s) => isInSubtree(code, s.scopeId, s.scopeLevel as RegionLevel));
}

/** Where the region browser opens: the first scope of staff, the province for everyone else. */
export function startRegion(me: MeView): string {
  return regionScopes(me)[0]?.scopeId ?? GUANGDONG;
}

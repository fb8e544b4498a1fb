import { GRANTABLE, ROLES, type Role } from '@yiqi/shared/roles';
import { isInSubtree, type RegionLevel } from '@yiqi/shared/regions';
import type { MeView, MyRole } from '../auth/api.ts';
import { ROLE_ADMINS } from '../shell/access.ts';

/** The user's grants that let them manage roles (region or security administrator), one per region. */
export function grantorScopes(me: MeView): MyRole[] {
  const seen = new Set<string>();
  return me.roles.filter((r) => {
    if (!ROLE_ADMINS.includes(r.role) || r.scopeType !== 'region' || seen.has(r.scopeId)) return false;
    seen.add(r.scopeId);
    return true;
  });
}

/** Roles the user may hand out somewhere in their scopes, in the canonical order. */
export function grantableRoles(me: MeView): Role[] {
  const mine = new Set(me.roles.flatMap((r) => GRANTABLE[r.role]));
  return ROLES.filter((r) => mine.has(r));
}

/** Whether one of the user's grants could hand out `role` over a region (the server decides for certain). */
export function mayManage(me: MeView, role: Role, regionCode: string): boolean {
  return me.roles.some(
    (g) =>
      GRANTABLE[g.role].includes(role) &&
      g.scopeType === 'region' &&
      isInSubtree(regionCode, g.scopeId, g.scopeLevel as RegionLevel),
  );
}

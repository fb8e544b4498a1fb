import { useMemo } from 'react';
import type { MeView } from '../auth/api.ts';
import { hasAnyRole } from './access.ts';
import { useFeatures, type NavItem } from './feature.tsx';

/** The console's menu: every feature's entries, in their order. */
export function useNav(): readonly NavItem[] {
  const features = useFeatures();
  return useMemo(() => features.flatMap((f) => f.nav ?? []).sort((a, b) => a.order - b.order), [features]);
}

/** Whether the user may open a path (used before following a `next` left by an earlier session). */
export function mayOpen(nav: readonly NavItem[], me: MeView, path: string): boolean {
  const item = nav.find(
    (n) => path === n.path || path.startsWith(n.path + '/') || path.startsWith(n.path + '?'),
  );
  return !item || hasAnyRole(me, item.roles);
}

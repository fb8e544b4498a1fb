import { useMemo } from 'react';
import { useFeatures, type MobileTab } from '../shell/feature.tsx';

/**
 * The volunteer area's sections from every feature's manifest: `bar`, the bottom tab bar on phones (five at
 * most) and the header links on wider screens; `more`, pages used now and then, in the header's "more" menu.
 */
export function useTabs(place: MobileTab['place']): readonly MobileTab[] {
  const features = useFeatures();
  return useMemo(
    () =>
      features
        .flatMap((f) => f.tabs ?? [])
        .filter((t) => t.place === place)
        .sort((a, b) => a.order - b.order),
    [features, place],
  );
}

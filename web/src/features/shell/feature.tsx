import { createContext, useContext, type ReactNode } from 'react';
import type { Role } from '@yiqi/shared/roles';
import type { mobileMessages } from '../mobile/messages.ts';
import type { shellMessages } from './messages.ts';
import { RequireRole } from './RequireRole.tsx';

type ShellText = (typeof shellMessages)['zh-CN'];
type MobileText = (typeof mobileMessages)['zh-CN'];

/** An entry of the console's menu. */
export interface NavItem {
  path: string;
  icon: ReactNode;
  label: (t: ShellText) => string;
  /** Roles that see the item; absent means everyone signed in. */
  roles?: readonly Role[];
  /** Place in the menu, across features (ascending). */
  order: number;
}

/** A section of the volunteer area: in the bottom tab bar (five at most) or the header's "more" menu. */
export interface MobileTab {
  path: string;
  icon: ReactNode;
  label: (t: MobileText) => string;
  place: 'bar' | 'more';
  /** Place in the bar or the menu, across features (ascending). */
  order: number;
}

/**
 * What a web feature (features/<module>/manifest.tsx) adds to the app; App.tsx, the console menu and the
 * volunteer area's tabs read every manifest of features/manifests.ts. Pages stay lazy, one chunk each.
 */
export interface FeatureManifest {
  /** The server module's name. */
  name: string;
  /** Routes outside both shells (anyone, or with a gate of their own): absolute paths. */
  public?: ReactNode;
  /** Routes inside the volunteer area's /m shell (signed in): paths relative to /m. */
  mobile?: ReactNode;
  /** Routes inside the console shell (a finished staff sign-in): relative paths, gated with `only`. */
  console?: ReactNode;
  nav?: NavItem[];
  tabs?: MobileTab[];
}

/** A console page only holders of the roles see (the API checks again). */
export const only = (roles: readonly Role[], page: ReactNode) => (
  <RequireRole roles={roles}>{page}</RequireRole>
);

/**
 * Every feature's manifest, provided once by App.tsx (features/manifests.ts). The menus read it from here, not
 * by importing the list: the list imports every page (lazily), and pages render the menus.
 */
export const FeaturesContext = createContext<readonly FeatureManifest[]>([]);

export const useFeatures = () => useContext(FeaturesContext);

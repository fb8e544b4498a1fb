/**
 * Every web feature, one line each (features/<module>/manifest.tsx, exporting `manifest`): App.tsx mounts
 * their routes, the console's menu (shell/nav.tsx) and the volunteer area's tabs (mobile/tabs.tsx) list their
 * entries in the order the entries name. Adding a feature adds one line here.
 */
export * as activities from './activities/manifest.tsx';
export * as audit from './audit/manifest.tsx';
export * as auth from './auth/manifest.tsx';
export * as certificates from './certificates/manifest.tsx';
export * as dispatch from './dispatch/manifest.tsx';
export * as imports from './imports/manifest.tsx';
export * as memberships from './memberships/manifest.tsx';
export * as organizations from './organizations/manifest.tsx';
export * as perks from './perks/manifest.tsx';
export * as records from './records/manifest.tsx';
export * as regions from './regions/manifest.tsx';
export * as roles from './roles/manifest.tsx';
export * as statistics from './statistics/manifest.tsx';
export * as stars from './stars/manifest.tsx';
export * as todo from './todo/manifest.tsx';
export * as volunteers from './volunteers/manifest.tsx';
export * as timebank from './timebank/manifest.tsx';
export * as stations from './stations/manifest.tsx';
export * as civic from './civic/manifest.tsx';
export * as funding from './funding/manifest.tsx';
export * as training from './training/manifest.tsx';
export * as insurance from './insurance/manifest.tsx';

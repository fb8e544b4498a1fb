import type { ModuleManifest } from './core/manifest.ts';

/**
 * Every server module, one line each (its manifest: routes, jobs, matrix fixtures), in the order their
 * routes are registered. Adding a domain adds one line here.
 */
export const MODULES: readonly ModuleManifest[] = (
  await Promise.all([
    import('./modules/system/system.manifest.ts'),
    import('./modules/auth/auth.manifest.ts'),
    import('./modules/regions/regions.manifest.ts'),
    import('./modules/roles/roles.manifest.ts'),
    import('./modules/audit/audit.manifest.ts'),
    import('./modules/organizations/organizations.manifest.ts'),
    import('./modules/volunteers/volunteers.manifest.ts'),
    import('./modules/memberships/memberships.manifest.ts'),
    import('./modules/imports/imports.manifest.ts'),
    import('./modules/activities/activities.manifest.ts'),
    import('./modules/notifications/notifications.manifest.ts'),
    import('./modules/calendar/calendar.manifest.ts'),
    import('./modules/certificates/certificates.manifest.ts'),
    import('./modules/records/records.manifest.ts'),
    import('./modules/exports/exports.manifest.ts'),
    import('./modules/todo/todo.manifest.ts'),
    import('./modules/suggestions/suggestions.manifest.ts'),
    import('./modules/statistics/statistics.manifest.ts'),
    import('./modules/dispatch/dispatch.manifest.ts'),
    import('./modules/timebank/timebank.manifest.ts'),
    import('./modules/stars/stars.manifest.ts'),
    import('./modules/perks/perks.manifest.ts'),
    import('./modules/stations/stations.manifest.ts'),
    import('./modules/civic/civic.manifest.ts'),
    import('./modules/funding/funding.manifest.ts'),
    import('./modules/training/training.manifest.ts'),
    import('./modules/insurance/insurance.manifest.ts'),
  ])
).map((m) => m.manifest);

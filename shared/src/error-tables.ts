/** Every domain's error table (errors/<domain>.ts), one line each; errors.ts joins them into ERRORS. */
export { ACTIVITY_ERRORS } from './errors/activities.ts';
export { CERTIFICATE_ERRORS } from './errors/certificates.ts';
export { COMMON_ERRORS } from './errors/common.ts';
export { DISPATCH_ERRORS } from './errors/dispatch.ts';
export { IMPORT_ERRORS } from './errors/imports.ts';
export { NOTIFICATION_ERRORS } from './errors/notifications.ts';
export { ORGANIZATION_ERRORS } from './errors/organizations.ts';
export { PERK_ERRORS } from './errors/perks.ts';
export { RECORD_ERRORS } from './errors/records.ts';
export { RECOVERY_ERRORS } from './errors/recovery.ts';
export { STAR_ERRORS } from './errors/stars.ts';
export { VOLUNTEER_ERRORS } from './errors/volunteers.ts';
export { SUGGESTION_ERRORS } from './errors/suggestions.ts';
export { STATISTICS_ERRORS } from './errors/statistics.ts';
export { TIMEBANK_ERRORS } from './errors/timebank.ts';
export { STATION_ERRORS } from './errors/stations.ts';
export { CIVIC_ERRORS } from './errors/civic.ts';

import type { ColumnType } from 'kysely';

/**
 * Table types for Kysely; they mirror migrations/ (keep both in the same commit). Each module's tables are
 * in db/schema.<module>.ts (an interface `<Module>Tables`, table name → row type), joined here into one DB;
 * db/ imports no module, so the types live here, not in modules/.
 */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** The migrations applied (db/migrate.ts). */
export interface SchemaMigrationsTable {
  name: string;
  applied_at: GeneratedTimestamp;
}

interface MigrationTables {
  schema_migrations: SchemaMigrationsTable;
}

/**
 * Every table: one line per module that owns tables (import types: no import line to add; the migrations'
 * own table comes last, so a new module's line is an addition, never an edit of the line before it).
 */
export type DB = import('./schema.regions.ts').RegionTables &
  import('./schema.auth.ts').AuthTables &
  import('./schema.roles.ts').RoleTables &
  import('./schema.audit.ts').AuditTables &
  import('./schema.organizations.ts').OrganizationTables &
  import('./schema.volunteers.ts').VolunteerTables &
  import('./schema.memberships.ts').MembershipTables &
  import('./schema.imports.ts').ImportTables &
  import('./schema.activities.ts').ActivityTables &
  import('./schema.certificates.ts').CertificateTables &
  import('./schema.records.ts').RecordTables &
  import('./schema.jobs.ts').JobTables &
  import('./schema.notifications.ts').NotificationTables &
  import('./schema.statistics.ts').StatisticsTables &
  import('./schema.dispatch.ts').DispatchTables &
  import('./schema.timebank.ts').TimebankTables &
  import('./schema.stars.ts').StarTables &
  import('./schema.perks.ts').PerkTables &
  import('./schema.stations.ts').StationTables &
  import('./schema.civic.ts').CivicTables &
  import('./schema.funding.ts').FundingTables &
  import('./schema.training.ts').TrainingTables &
  import('./schema.insurance.ts').InsuranceTables &
  MigrationTables;

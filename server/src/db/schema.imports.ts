import type { ColumnType, Generated } from 'kysely';

/** Table types of the imports module: import jobs; see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ImportJobsTable {
  id: Generated<string>;
  kind: 'volunteers' | 'members' | 'records';
  org_id: string | null;
  file_sha256: string;
  /** Hours imports: why the batch's service was not recorded in Yiqi (kept on every entry). */
  reason: ColumnType<string | null, string | null | undefined, string | null>;
  status: 'validating' | 'invalid' | 'committing' | 'done' | 'failed';
  total_rows: Generated<number>;
  processed: Generated<number>;
  created: Generated<number>;
  skipped: Generated<number>;
  errors: ColumnType<unknown[], string | undefined, string>;
  error_count: Generated<number>;
  /** The sheet row taken as the header (null until validation finds it). */
  header_row: ColumnType<number | null, number | null | undefined, number | null>;
  locale: Generated<string>;
  created_by: string;
  created_at: GeneratedTimestamp;
  finished_at: NullableTimestamp;
}

export interface ImportTables {
  import_jobs: ImportJobsTable;
}

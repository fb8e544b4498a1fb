import type { ColumnType, Generated } from 'kysely';

/** Table types of the jobs migration (modules/jobs); see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: ColumnType<number, never, never>;
  name: string;
  key: string | null;
  /** Written as JSON text, read as the parsed value. */
  payload: ColumnType<unknown, string | undefined, string>;
  status: Generated<JobStatus>;
  run_at: ColumnType<Date, Date | string, Date | string>;
  attempts: Generated<number>;
  locked_by: string | null;
  locked_until: NullableTimestamp;
  last_error: string | null;
  created_at: GeneratedTimestamp;
  finished_at: NullableTimestamp;
}

export interface JobTables {
  jobs: JobsTable;
}

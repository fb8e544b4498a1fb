import type { ErrorCode } from '@yiqi/shared/errors';
import type { ImportKind, ImportRowErrorT } from '@yiqi/shared/contracts/imports';
import type { Ctx } from '../../core/ctx.ts';
import { rowError, type ColumnDef } from './imports.columns.ts';
import type { DataRow } from './imports.reader.ts';

/** What the runner needs from each kind of import (volunteers, members, hours). */

type ImportLocale = Ctx['locale'];

export interface JobInfo {
  id: string;
  kind: ImportKind;
  orgId: string;
  locale: ImportLocale;
  /** Hours imports: the batch's reason. */
  reason: string | null;
}

/** Rows per lookup query and per INSERT statement. */
export const BATCH = 1000;

export interface ImportSpec {
  columns: readonly ColumnDef[];
  /** Keys of required columns a header lacks. */
  missing(present: Set<string>): string[];
  /** Loads what every row is checked against (one query each). */
  init(): Promise<void>;
  /** Checks one row; problems go to the error list. Lookups may wait for flush(). */
  check(row: DataRow): void;
  /** Runs the lookups of the rows checked since the last flush (called every BATCH rows and at the end). */
  flush(): Promise<void>;
  /**
   * Writes the whole file in the caller's transaction (ctx.db), in batches; called only when no row has
   * a problem. `file` is the upload again, for kinds that read it a second time instead of holding rows.
   */
  commit(ctx: Ctx, file: Buffer, checkpoint: () => void): Promise<{ created: number; skipped: number }>;
}

/** Every problem counted; the first MAX_STORED_ERRORS kept (for the errors.xlsx and the job view). */
export const MAX_STORED_ERRORS = 10_000;

export class ErrorList {
  readonly list: ImportRowErrorT[] = [];
  count = 0;
  constructor(
    readonly locale: ImportLocale,
    readonly columns: readonly ColumnDef[],
  ) {}

  add(row: number, column: string | null, code: ErrorCode, extra?: { duplicateOf?: number }) {
    this.count++;
    if (this.list.length < MAX_STORED_ERRORS)
      this.list.push(rowError(this.locale, this.columns, row, column, code, extra));
  }
}

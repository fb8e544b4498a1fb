import type { ErrorCode } from '@yiqi/shared/errors';
import { MAX_IMPORT_ROWS } from '@yiqi/shared/contracts/imports';
import { headerAliases, normalize, type ColumnDef } from './imports.columns.ts';
import { centralDirectory, openWorkbook, XlsxError, type SheetRow } from './imports.xlsx.ts';

/**
 * Reads an uploaded workbook row by row (imports.xlsx.ts), so memory does not grow with the number of rows.
 * The data sheet is the first one where one of the first non-empty rows names the required columns (the
 * template's example and reference sheets come after it; a merged title and a date line may stand above
 * the header); an English line of column keys under the header is skipped. Cells come out as trimmed
 * text, or as a Date for date-formatted cells.
 */

/** A whole number too long for Excel to keep exact (an ID number typed into a number cell). */
export const TOO_LONG = Symbol('too long');
export type Cell = string | Date | typeof TOO_LONG;

export interface DataRow {
  /** The row number as Excel shows it. */
  row: number;
  cells: Map<string, Cell>;
}

/** A problem with the file as a whole: nothing in it can be checked further. */
export class FileProblem extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly row: number,
    readonly column: string | null,
  ) {
    super(code);
  }
}

/** True for an xlsx (zip) file by its first bytes; anything else is refused before a job is created. */
export function looksLikeXlsx(file: Buffer): boolean {
  return file.length > 4 && file.readUInt32LE(0) === 0x04034b50;
}

/**
 * What the zip's central directory says its entries hold once inflated: Infinity for zip64, null when
 * there is no readable directory (a truncated or broken file). The reader caches the shared-strings table in memory, so a small file that inflates
 * to gigabytes is refused up front. A 100,000-row list inflates to about 50 MB.
 */
export function declaredInflatedSize(file: Buffer): number | null {
  let total = 0;
  try {
    for (const at of centralDirectory(file)) {
      const size = file.readUInt32LE(at + 24);
      if (size === 0xffffffff) return Infinity;
      total += size;
    }
  } catch (e) {
    if (e instanceof XlsxError) return null;
    throw e;
  }
  return total;
}
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

/** Plain text of a cell value; a number too long to be exact is reported rather than silently rounded. */
export function cellOf(v: unknown): Cell {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) return TOO_LONG;
    return String(v);
  }
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      formula?: unknown;
      error?: unknown;
    };
    if (o.richText)
      return o.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in o || 'formula' in o) return cellOf(o.result);
    if (o.text !== undefined) return cellOf(o.text);
    if (o.error !== undefined) return '';
  }
  return String(v).trim();
}

/** Column index → key for a header row; unknown headers are ignored. */
function matchHeader(values: unknown[], aliases: Map<string, string>): Map<number, string> {
  const found = new Map<number, string>();
  values.forEach((v, i) => {
    const text = cellOf(v);
    if (typeof text !== 'string' || !text) return;
    // "姓名 Name" or "姓名\nname": the whole text, else any of its words.
    const key =
      aliases.get(normalize(text)) ??
      text
        .split(/[\s/|]+/)
        .map((w) => aliases.get(normalize(w)))
        .find(Boolean);
    if (key && ![...found.values()].includes(key)) found.set(i, key);
  });
  return found;
}

export interface ReadOptions {
  columns: readonly ColumnDef[];
  /** Keys of required columns missing from a header (empty when the header will do). */
  missing(present: Set<string>): string[];
  /** Told the sheet row taken as the header (offices put a title and a date line above it). */
  onHeader?(row: number): void;
}

/** How many non-empty rows at the top of a sheet may hold the header (title, date line, notes above it). */
export const HEADER_SEARCH_ROWS = 10;

/**
 * The header among the first rows of a sheet: the row missing the fewest required columns, then naming
 * the most columns, then the first. Null when no row names a known column (not a data sheet).
 */
function pickHeader(
  top: SheetRow[],
  aliases: Map<string, string>,
  o: ReadOptions,
): { at: number; found: Map<number, string>; missing: string[] } | null {
  let best: { at: number; found: Map<number, string>; missing: string[] } | null = null;
  top.forEach((r, at) => {
    const found = matchHeader(r.values, aliases);
    if (found.size === 0) return;
    const missing = o.missing(new Set(found.values()));
    if (
      !best ||
      missing.length < best.missing.length ||
      (missing.length === best.missing.length && found.size > best.found.size)
    )
      best = { at, found, missing };
  });
  return best;
}

/**
 * Yields the data rows of the data sheet (empty rows left out), numbered as the sheet numbers them. Throws
 * FileProblem for an unreadable file, missing columns, no data rows, or more than MAX_IMPORT_ROWS rows.
 */
export async function* readDataRows(file: Buffer, o: ReadOptions): AsyncGenerator<DataRow> {
  const aliases = headerAliases(o.columns);
  const keys = new Set(o.columns.map((c) => c.key.toLowerCase()));
  let done = false;
  let count = 0;
  let headerRow = 0;
  try {
    for (const sheet of await openWorkbook(file)) {
      // The first non-empty rows are held until the header is found among them; the rest stream.
      const top: SheetRow[] = [];
      let header: Map<number, string> | null = null;
      let keyLineChecked = false;
      const data = function* (r: SheetRow): Generator<DataRow> {
        if (!keyLineChecked) {
          keyLineChecked = true;
          // The template's line of English column keys under the header.
          const texts = [...header!.keys()].map((i) => cellOf(r.values[i]));
          if (texts.some((t) => typeof t === 'string' && keys.has(t.toLowerCase()))) return;
        }
        const cells = new Map<string, Cell>();
        let empty = true;
        for (const [i, key] of header!) {
          const c = cellOf(r.values[i]);
          if (c !== '') empty = false;
          cells.set(key, c);
        }
        if (empty) return;
        if (++count > MAX_IMPORT_ROWS) throw new FileProblem('IMPORT_TOO_MANY_ROWS', r.number, null);
        yield { row: r.number, cells };
      };
      const settle = (): SheetRow[] | null => {
        const best = pickHeader(top, aliases, o);
        if (!best) return null;
        // The first sheet naming known columns is the data sheet (the template's example sheet comes after).
        if (best.missing.length)
          throw new FileProblem('IMPORT_COLUMN_MISSING', top[best.at]!.number, best.missing[0]!);
        header = best.found;
        headerRow = top[best.at]!.number;
        o.onHeader?.(headerRow);
        return top.slice(best.at + 1);
      };
      for await (const r of sheet.rows()) {
        if (header) {
          yield* data(r);
          continue;
        }
        if (r.values.every((v) => cellOf(v) === '')) continue;
        top.push(r);
        if (top.length < HEADER_SEARCH_ROWS) continue;
        const rest = settle();
        if (!rest) break;
        for (const d of rest) yield* data(d);
      }
      if (!header && top.length > 0 && top.length < HEADER_SEARCH_ROWS) {
        const rest = settle();
        if (rest) for (const d of rest) yield* data(d);
      }
      if (header) {
        done = true;
        break;
      }
    }
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    throw new FileProblem('IMPORT_FILE_UNREADABLE', 0, null);
  }
  if (!done) throw new FileProblem('IMPORT_COLUMN_MISSING', 1, o.missing(new Set())[0] ?? null);
  if (count === 0) throw new FileProblem('IMPORT_EMPTY', headerRow, null);
}

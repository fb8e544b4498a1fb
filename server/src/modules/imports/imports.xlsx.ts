import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser } from 'saxes';

/**
 * A small streaming reader of xlsx workbooks, replacing exceljs's WorkbookReader for imports: that one
 * decodes every 16 KiB chunk of a zip entry on its own, so a character split between two chunks came back
 * as U+FFFD (冯怡 stored as 冯��; exceljs issue 2316, fix never merged), and it kept only the last run of a
 * rich inline string and decoded inline text twice. Here each entry is inflated as a stream and decoded with
 * one TextDecoder in stream mode, so every cell comes back exactly.
 *
 * The upload is already in memory, so entries are read by the zip's central directory in any order (no
 * temporary files for sheets stored before the shared strings). Memory: the file, the shared-strings table,
 * and one inflate window of the sheet being read; rows are yielded as they are parsed.
 */

/** A cell's value as the sheet stores it: text, number, boolean, date (date-formatted number) or empty. */
export type RawValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number as Excel shows it. */
  number: number;
  /** Indexed by column number (1 = A), like exceljs's row.values. */
  values: RawValue[];
}

export interface SheetReader {
  name: string;
  rows(): AsyncGenerator<SheetRow>;
}

interface ZipEntry {
  method: number;
  compressedSize: number;
  localHeader: number;
}

/** The file is not a zip we can read (the caller reports the file as unreadable). */
export class XlsxError extends Error {}

/**
 * The offsets of the zip's central-directory records, in order, found through the end-of-central-directory
 * record (searched backwards past a trailing comment of up to 64 KiB). Also used by imports.reader to
 * read the declared sizes before anything is inflated. Throws XlsxError when there is no directory or a
 * record is not where the previous one says.
 */
export function* centralDirectory(file: Buffer): Generator<number> {
  const EOCD = 0x06054b50;
  const CDH = 0x02014b50;
  let end = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 0xffff); i--)
    if (file.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) throw new XlsxError('no central directory');
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  for (let n = 0; n < count; n++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== CDH) throw new XlsxError('broken directory');
    yield at;
    at += 46 + file.readUInt16LE(at + 28) + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
}

function zipEntries(file: Buffer): Map<string, ZipEntry> {
  const entries = new Map<string, ZipEntry>();
  for (const at of centralDirectory(file)) {
    const nameLength = file.readUInt16LE(at + 28);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    const localHeader = file.readUInt32LE(at + 42);
    // Every entry must be where the directory says (a damaged file is refused, not half read).
    if (localHeader + 30 > file.length || file.readUInt32LE(localHeader) !== 0x04034b50)
      throw new XlsxError('broken entry');
    entries.set(name.replace(/^\//, '').toLowerCase(), {
      method: file.readUInt16LE(at + 10),
      compressedSize: file.readUInt32LE(at + 20),
      localHeader,
    });
  }
  return entries;
}

/** An entry's text, chunk by chunk; a character split between two chunks is kept whole. */
async function* entryText(file: Buffer, e: ZipEntry): AsyncGenerator<string> {
  const h = e.localHeader;
  if (h + 30 > file.length || file.readUInt32LE(h) !== 0x04034b50) throw new XlsxError('broken entry');
  const start = h + 30 + file.readUInt16LE(h + 26) + file.readUInt16LE(h + 28);
  const data = file.subarray(start, start + e.compressedSize);
  const decoder = new TextDecoder('utf-8');
  if (e.method === 0) {
    yield decoder.decode(data);
    return;
  }
  if (e.method !== 8) throw new XlsxError('unsupported compression');
  for await (const chunk of Readable.from([data]).pipe(createInflateRaw()))
    yield decoder.decode(chunk as Buffer, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

type XmlEvent =
  | { type: 'open'; name: string; attributes: Record<string, string> }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

/** The local name of a tag or attribute ("x:c" → "c"): some writers prefix the SpreadsheetML namespace. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** XML events of an entry, a chunk's worth at a time. */
async function* xmlEvents(chunks: AsyncIterable<string>): AsyncGenerator<XmlEvent[]> {
  const parser = new SaxesParser();
  let events: XmlEvent[] = [];
  let error: Error | null = null;
  parser.on('error', (e) => (error ??= e));
  parser.on('opentag', (t) =>
    events.push({ type: 'open', name: local(t.name), attributes: t.attributes as Record<string, string> }),
  );
  parser.on('closetag', (t) => events.push({ type: 'close', name: local(t.name) }));
  parser.on('text', (text) => events.push({ type: 'text', text }));
  parser.on('cdata', (text) => events.push({ type: 'text', text }));
  for await (const chunk of chunks) {
    parser.write(chunk);
    if (error) throw error;
    yield events;
    events = [];
  }
  parser.close();
  if (error) throw error;
  if (events.length) yield events;
}

/**
 * Collects the text of `<t>` elements inside a string item (`<si>` or `<is>`): plain or rich text runs
 * joined; phonetic guides (`<rPh>`, furigana) are not part of the value.
 */
class StringItem {
  private depthT = 0;
  private inPhonetic = false;
  text = '';
  on(ev: XmlEvent): void {
    if (ev.type === 'open') {
      if (ev.name === 'rPh') this.inPhonetic = true;
      else if (ev.name === 't' && !this.inPhonetic) this.depthT++;
    } else if (ev.type === 'close') {
      if (ev.name === 'rPh') this.inPhonetic = false;
      else if (ev.name === 't' && this.depthT > 0) this.depthT--;
    } else if (this.depthT > 0) this.text += ev.text;
  }
}

async function sharedStrings(file: Buffer, e: ZipEntry | undefined): Promise<string[]> {
  const table: string[] = [];
  if (!e) return table;
  let item: StringItem | null = null;
  for await (const events of xmlEvents(entryText(file, e)))
    for (const ev of events) {
      if (ev.type === 'open' && ev.name === 'si') item = new StringItem();
      else if (ev.type === 'close' && ev.name === 'si') {
        table.push(item?.text ?? '');
        item = null;
      } else item?.on(ev);
    }
  return table;
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30, with the CJK ones). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A custom format shows a date when, outside quotes and brackets, it has date or time letters. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhsb]/i.test(bare.replace(/General/gi, ''));
}

/** Per cell style index: does it show a date? */
async function dateStyles(file: Buffer, e: ZipEntry | undefined): Promise<boolean[]> {
  const styles: boolean[] = [];
  if (!e) return styles;
  const custom = new Map<number, boolean>();
  let inCellXfs = false;
  for await (const events of xmlEvents(entryText(file, e)))
    for (const ev of events) {
      if (ev.type === 'open') {
        if (ev.name === 'numFmt')
          custom.set(Number(ev.attributes.numFmtId), isDateFormat(ev.attributes.formatCode ?? ''));
        else if (ev.name === 'cellXfs') inCellXfs = true;
        else if (ev.name === 'xf' && inCellXfs) {
          const id = Number(ev.attributes.numFmtId ?? 0);
          styles.push(custom.get(id) ?? BUILTIN_DATE_FORMATS.has(id));
        }
      } else if (ev.type === 'close' && ev.name === 'cellXfs') inCellXfs = false;
    }
  return styles;
}

/** Excel's serial day number → the instant (midnight UTC of the day Excel shows, as exceljs gave it). */
function serialDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** "AB12" → 28; null when the reference is missing or not a cell reference. */
function columnOf(ref: string | undefined): number | null {
  const m = ref ? /^([A-Z]{1,3})\d*$/i.exec(ref) : null;
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

async function* sheetRows(
  file: Buffer,
  e: ZipEntry,
  strings: string[],
  dates: boolean[],
  date1904: boolean,
): AsyncGenerator<SheetRow> {
  let row: SheetRow | null = null;
  let lastRow = 0;
  let col = 0;
  let cell: { t: string; s: number; v: string | null; inline: StringItem | null } | null = null;
  let inV = false;
  for await (const events of xmlEvents(entryText(file, e))) {
    const done: SheetRow[] = [];
    for (const ev of events) {
      if (cell?.inline && !(ev.type === 'close' && ev.name === 'is')) {
        cell.inline.on(ev);
        continue;
      }
      if (ev.type === 'open') {
        if (ev.name === 'row') {
          const n = Number(ev.attributes.r);
          lastRow = Number.isInteger(n) && n > 0 ? n : lastRow + 1;
          row = { number: lastRow, values: [] };
          col = 0;
        } else if (ev.name === 'c' && row) {
          col = columnOf(ev.attributes.r) ?? col + 1;
          cell = { t: ev.attributes.t ?? 'n', s: Number(ev.attributes.s ?? 0), v: null, inline: null };
        } else if (ev.name === 'v' && cell) {
          inV = true;
          cell.v = '';
        } else if (ev.name === 'is' && cell) cell.inline = new StringItem();
      } else if (ev.type === 'text') {
        if (inV && cell) cell.v += ev.text;
      } else if (ev.name === 'v') inV = false;
      else if (ev.name === 'is' && cell) {
        cell.v = cell.inline!.text;
        cell.inline = null;
      } else if (ev.name === 'c' && cell && row) {
        row.values[col] = valueOf(cell, strings, dates, date1904);
        cell = null;
      } else if (ev.name === 'row' && row) {
        done.push(row);
        row = null;
      }
    }
    yield* done;
  }
}

function valueOf(
  c: { t: string; s: number; v: string | null },
  strings: string[],
  dates: boolean[],
  date1904: boolean,
): RawValue {
  if (c.v === null) return null;
  switch (c.t) {
    case 's':
      return strings[Number(c.v)] ?? null;
    case 'inlineStr':
    case 'str':
      return c.v;
    case 'b':
      return c.v.trim() === '1' || c.v.trim() === 'true';
    case 'e':
      return null;
    case 'd': {
      const d = new Date(c.v);
      return Number.isNaN(d.getTime()) ? c.v : d;
    }
    default: {
      if (c.v.trim() === '') return null;
      const n = Number(c.v);
      if (Number.isNaN(n)) return c.v;
      return dates[c.s] ? serialDate(n, date1904) : n;
    }
  }
}

/** Resolves a relationship target against xl/ ("worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml"). */
function partName(target: string): string {
  return (target.startsWith('/') ? target.slice(1) : `xl/${target}`).toLowerCase();
}

/** The workbook's sheets in the order the workbook lists them (the order Excel shows their tabs). */
export async function openWorkbook(file: Buffer): Promise<SheetReader[]> {
  const entries = zipEntries(file);
  // Every xlsx has its content types part; reading it through refuses a package damaged at its start.
  const types = entries.get('[content_types].xml');
  if (!types) throw new XlsxError('not an OPC package');
  for await (const _ of xmlEvents(entryText(file, types)));
  const rels = new Map<string, { type: string; target: string }>();
  const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
  if (relsEntry)
    for await (const events of xmlEvents(entryText(file, relsEntry)))
      for (const ev of events)
        if (ev.type === 'open' && ev.name === 'Relationship')
          rels.set(ev.attributes.Id ?? '', {
            type: ev.attributes.Type ?? '',
            target: partName(ev.attributes.Target ?? ''),
          });
  const part = (type: string, fallback: string) =>
    entries.get([...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target ?? fallback);

  const book = entries.get('xl/workbook.xml');
  if (!book) throw new XlsxError('no workbook');
  const sheets: { name: string; target: string }[] = [];
  let date1904 = false;
  for await (const events of xmlEvents(entryText(file, book)))
    for (const ev of events) {
      if (ev.type !== 'open') continue;
      if (ev.name === 'workbookPr') date1904 = ['1', 'true'].includes(ev.attributes.date1904 ?? '');
      else if (ev.name === 'sheet') {
        const rid = Object.entries(ev.attributes).find(([k]) => local(k) === 'id' && k.includes(':'))?.[1];
        const target = rels.get(rid ?? '')?.target ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
        sheets.push({ name: ev.attributes.name ?? '', target });
      }
    }

  const strings = await sharedStrings(file, part('sharedStrings', 'xl/sharedstrings.xml'));
  const dates = await dateStyles(file, part('styles', 'xl/styles.xml'));
  return sheets
    .filter((s) => entries.has(s.target))
    .map((s) => ({
      name: s.name,
      rows: () => sheetRows(file, entries.get(s.target)!, strings, dates, date1904),
    }));
}

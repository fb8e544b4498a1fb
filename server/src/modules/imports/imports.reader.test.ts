import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { VOLUNTEER_COLUMNS } from './imports.columns.ts';
import { readDataRows, type Cell } from './imports.reader.ts';
import { VOLUNTEER_HEADER } from './imports.testkit.ts';

/**
 * Every cell comes back exactly: multi-byte characters (CJK, CJK Ext-B surrogate pairs, emoji) cut by the
 * 16 KiB chunks of an inflated zip entry at every byte boundary, in files written by two programs (exceljs,
 * and a hand-built xlsx with inline and rich-text strings as other writers store them).
 */

const CHUNK = 16 * 1024;
const PIECES = ['冯', '怡', '𠮷', '😀', '龘', 'é', '䶵', '𪚥', '👩‍👩‍👧', 'Ω'];
/**
 * exceljs's own writer corrupts some characters outside the BMP (surrogate pairs) where its buffers meet,
 * before any reader sees them, so its files are tested with CJK and other BMP characters; the hand-built
 * files carry the surrogate pairs.
 */
const BMP_PIECES = ['冯', '怡', '龘', 'é', '䶵', 'Ω', '中', '國'];
const KEYS = [
  'name',
  'docType',
  'docNumber',
  'phone',
  'regionCode',
  'birthDate',
  'gender',
  'consentRecordedAt',
];

/** Row i's cells: runs of multi-byte characters behind 0–3 ASCII characters, so offsets drift by one byte. */
function texts(rows: number, pieces = PIECES): string[][] {
  return Array.from({ length: rows }, (_, i) =>
    KEYS.map((_, c) => {
      let s = `${'abc'.slice(0, (i + c) % 4)}${i}-${c}`;
      for (let k = 0; k < 6 + ((i * 7 + c) % 9); k++) s += pieces[(i + c * 3 + k) % pieces.length];
      return s;
    }),
  );
}

async function read(file: Buffer): Promise<Map<number, Map<string, Cell>>> {
  const out = new Map<number, Map<string, Cell>>();
  for await (const r of readDataRows(file, { columns: VOLUNTEER_COLUMNS, missing: () => [] }))
    out.set(r.row, r.cells);
  return out;
}

function assertExact(got: Map<number, Map<string, Cell>>, want: string[][]) {
  let changed = 0;
  want.forEach((cells, i) =>
    KEYS.forEach((k, c) => {
      if (got.get(i + 2)?.get(k) !== cells[c]) changed++;
    }),
  );
  assert.equal(got.size, want.length);
  assert.equal(changed, 0, `${changed} of ${want.length * KEYS.length} cells came back changed`);
}

/**
 * Which byte of a multi-byte character each 16 KiB boundary of the entry falls after: the test is only
 * worth something if boundaries cut 3-byte characters after their 1st and 2nd byte and 4-byte ones after
 * their 1st, 2nd and 3rd.
 */
function cutsOf(xml: Buffer): Set<string> {
  const cuts = new Set<string>();
  for (let at = CHUNK; at < xml.length; at += CHUNK) {
    let start = at;
    while (start > 0 && (xml[start]! & 0xc0) === 0x80) start--;
    if (start === at) continue;
    const len = xml[start]! >= 0xf0 ? 4 : xml[start]! >= 0xe0 ? 3 : 2;
    cuts.add(`${len}:${at - start}`);
  }
  return cuts;
}

/** The inflated text of one entry of a zip (for checking where the chunk boundaries fall). */
function entry(zip: Buffer, name: string): Buffer {
  let at = zip.indexOf(Buffer.from(name));
  while (at >= 0 && zip.readUInt32LE(at - 30) !== 0x04034b50) at = zip.indexOf(Buffer.from(name), at + 1);
  const h = at - 30;
  const start = h + 30 + zip.readUInt16LE(h + 26) + zip.readUInt16LE(h + 28);
  const method = zip.readUInt16LE(h + 8);
  const size = zip.readUInt32LE(h + 18);
  const data = zip.subarray(start, size ? start + size : undefined);
  return method === 0 ? data : inflateRawSync(data);
}

const BMP_CUTS = ['2:1', '3:1', '3:2'];
const ALL_CUTS = [...BMP_CUTS, '4:1', '4:2', '4:3'];

describe('xlsx reader', () => {
  test('exceljs file: shared strings cut at every byte of multi-byte characters come back exactly', async () => {
    const want = texts(4000, BMP_PIECES);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(VOLUNTEER_HEADER);
    for (const r of want) ws.addRow(r);
    const file = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const cuts = cutsOf(entry(file, 'xl/sharedStrings.xml'));
    for (const c of BMP_CUTS) assert.ok(cuts.has(c), `no chunk boundary after byte ${c}`);
    assertExact(await read(file), want);
  });

  test('exceljs streaming writer (the bench files): every cell exactly', async () => {
    const want = texts(3000, BMP_PIECES);
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (b: Buffer) => parts.push(b));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
    const ws = wb.addWorksheet('data');
    ws.addRow(VOLUNTEER_HEADER).commit();
    for (const r of want) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
    assertExact(await read(Buffer.concat(parts)), want);
  });

  test('hand-built file: inline strings, rich text and shared strings cut at every byte', async () => {
    const want = texts(4000);
    // Odd rows as inline strings split into rich runs; even rows as shared strings (rich for column 0).
    const sst: string[] = [];
    const sheetRows = want.map((cells, i) => {
      const r = i + 2;
      const cs = cells.map((s, c) => {
        const ref = `${String.fromCharCode(65 + c)}${r}`;
        const chars = [...s];
        const half = chars.slice(0, chars.length >> 1).join('');
        const rest = chars.slice(chars.length >> 1).join('');
        if (i % 2 === 1)
          return `<c r="${ref}" t="inlineStr"><is><r><rPr><b/></rPr><t>${esc(half)}</t></r><r><t xml:space="preserve">${esc(rest)}</t></r></is></c>`;
        sst.push(
          c === 0
            ? `<si><r><t>${esc(half)}</t></r><r><rPr><i/></rPr><t>${esc(rest)}</t></r><rPh sb="0" eb="1"><t>ﾌﾘｶﾞﾅ</t></rPh></si>`
            : `<si><t>${esc(s)}</t></si>`,
        );
        return `<c r="${ref}" t="s"><v>${sst.length - 1}</v></c>`;
      });
      return `<row r="${r}">${cs.join('')}</row>`;
    });
    const headerCells = VOLUNTEER_HEADER.map(
      (h, c) => `<c r="${String.fromCharCode(65 + c)}1" t="inlineStr"><is><t>${h}</t></is></c>`,
    ).join('');
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1">${headerCells}</row>${sheetRows.join('')}</sheetData></worksheet>`;
    const strings = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${sst.length}">${sst.join('')}</sst>`;
    const file = handBuiltXlsx(sheet, strings);
    const sheetCuts = cutsOf(entry(file, 'xl/worksheets/sheet1.xml'));
    const sstCuts = cutsOf(entry(file, 'xl/sharedStrings.xml'));
    for (const c of ALL_CUTS) {
      assert.ok(sheetCuts.has(c), `no sheet chunk boundary after byte ${c}`);
      assert.ok(sstCuts.has(c), `no shared-strings chunk boundary after byte ${c}`);
    }
    assertExact(await read(file), want);
  });

  test('text that looks like markup or entities comes back as typed', async () => {
    const want = [['a &amp; b', '<b>粗</b>', '&lt;', 'x"y\'z', '1 < 2 > 0', '冯&#x6021;', '𠮷&', 'ok']];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('data');
    ws.addRow(VOLUNTEER_HEADER);
    ws.addRow(want[0]!);
    // A rich-text cell (two runs, the second bold) is its runs' text joined.
    const rich = [...want[0]!];
    rich[7] = '冯怡𠮷';
    ws.addRow(
      rich.map((v, i) =>
        i === 7 ? { richText: [{ text: '冯' }, { font: { bold: true }, text: '怡𠮷' }] } : v,
      ),
    );
    assertExact(await read(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)), [...want, rich]);
    const cells = want[0]!
      .map((s, c) => `<c r="${String.fromCharCode(65 + c)}2" t="inlineStr"><is><t>${esc(s)}</t></is></c>`)
      .join('');
    const head = VOLUNTEER_HEADER.map(
      (h, c) => `<c r="${String.fromCharCode(65 + c)}1" t="inlineStr"><is><t>${h}</t></is></c>`,
    ).join('');
    const sheet = `<worksheet xmlns="${NS}"><sheetData><row r="1">${head}</row><row r="2">${cells}</row></sheetData></worksheet>`;
    assertExact(await read(handBuiltXlsx(sheet, null)), want);
  });
});

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A minimal xlsx written by hand (no spreadsheet library): deflated entries, then the central directory. */
function handBuiltXlsx(sheet: string, sharedStrings: string | null): Buffer {
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const P = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
    ],
    [
      '_rels/.rels',
      `<Relationships xmlns="${P}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    // The sheet is stored before the shared strings and the workbook, as some writers order them.
    ['xl/worksheets/sheet1.xml', sheet],
    ...(sharedStrings ? ([['xl/sharedStrings.xml', sharedStrings]] as [string, string][]) : []),
    [
      'xl/workbook.xml',
      `<workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="志愿者" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${P}"><Relationship Id="rId1" Type="${R}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ],
  ];
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of files) {
    const raw = Buffer.from(text, 'utf8');
    const data = deflateRawSync(raw, { level: 9 });
    const n = Buffer.from(name, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6); // names in UTF-8
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(crc32(raw), 14);
    h.writeUInt32LE(data.length, 18);
    h.writeUInt32LE(raw.length, 22);
    h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    h.copy(c, 8, 6, 30); // flags … name length
    c.writeUInt32LE(offset, 42);
    locals.push(h, n, data);
    central.push(c, n);
    offset += h.length + n.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

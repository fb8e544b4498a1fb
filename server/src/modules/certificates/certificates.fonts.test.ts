/**
 * Rare characters (CJK Extension A, B and later) in names print with a real glyph, never the empty box
 * (.notdef, glyph 0) of a face that lacks them: checked in the PDF's own ToUnicode maps, which list for
 * each embedded font the characters its glyphs draw.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';
import { api } from '../activities/activities.testkit.ts';
import { insertIssuedCertificate, insertRecord } from './certificates.testkit.ts';
import { SYSTEM_FALLBACKS } from './certificates.fonts.ts';

/** 𠮷 𡒄 (Extension B: fallback), 䶮 堃 (the primary face has them); 𰻝 (Extension G) needs BabelStone Han. */
const extG = existsSync(SYSTEM_FALLBACKS[0]!);
const NAME = `𠮷𡒄䶮堃${extG ? '𰻝' : ''}`;
const TITLE = '𡒄家村长者探访';

let t: TestApp;
let pdf: Buffer;

before(async () => {
  t = await startTestApp();
  const orgId = await insertOrganization(t, '南山区蛇口社区志愿服务队', '440305000000');
  const user = await createUser(t, 'rare.v');
  const v = await addVolunteerRecord(t, user.id);
  await t.handle.db.updateTable('volunteers').set({ name: NAME }).where('id', '=', v.id).execute();
  await insertRecord(t, { volunteerId: v.id, orgId, date: '2026-05-01', minutes: 60, title: TITLE });
  const c = await insertIssuedCertificate(t, v.id, orgId);
  const res = await api(t, await signIn(t, user), 'GET', `/api/me/certificates/${c.id}/pdf`);
  assert.equal(res.statusCode, 200, res.body);
  pdf = res.rawPayload;
});
after(() => t.close());

/** Code points drawn with a real glyph (glyph id > 0), from every ToUnicode map of the PDF. */
function drawnCodePoints(file: Buffer): Set<number> {
  const raw = file.toString('latin1');
  const out = new Set<number>();
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    let text: string;
    try {
      text = inflateSync(file.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    // pdfkit writes one bfrange from glyph 0: [<.notdef> <glyph 1> <glyph 2> …] as UTF-16BE hex.
    for (const range of text.matchAll(/beginbfrange\s*<0000>\s*<[0-9a-f]+>\s*\[([^\]]*)\]/gi)) {
      // A character outside the BMP is a surrogate pair: <d842 dfb7>.
      const entries = [...range[1]!.matchAll(/<([0-9a-f ]*)>/gi)].map((e) => e[1]!.replace(/ /g, ''));
      entries.slice(1).forEach((hex) => {
        const units = hex.match(/.{4}/g)?.map((u) => parseInt(u, 16)) ?? [];
        for (const ch of String.fromCharCode(...units)) out.add(ch.codePointAt(0)!);
      });
    }
  }
  return out;
}

describe('rare characters on a certificate', () => {
  it('draws every character of the name and the activity with a real glyph (no .notdef)', () => {
    const drawn = drawnCodePoints(pdf);
    assert.ok(drawn.size > 20, 'ToUnicode maps found');
    for (const ch of [...NAME, ...TITLE])
      assert.ok(drawn.has(ch.codePointAt(0)!), `${ch} U+${ch.codePointAt(0)!.toString(16)} is drawn`);
  });

  it('embeds the fallback face as a subset', () => {
    const raw = pdf.toString('latin1');
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+HanaMinB/);
    if (extG) assert.match(raw, /\/BaseFont \/[A-Z]{6}\+BabelStoneHan/);
    assert.ok(pdf.length < 2_000_000, `subset, not whole fonts (${pdf.length} bytes)`);
  });

  it('renders to PNG for a person to look at (pdftoppm)', (ctx) => {
    if (spawnSync('pdftoppm', ['-v']).error !== undefined)
      return ctx.skip('pdftoppm not installed (apt-get install poppler-utils)');
    mkdirSync('test-output', { recursive: true });
    writeFileSync('test-output/certificate-rare.pdf', pdf);
    const out = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '110',
      '-singlefile',
      'test-output/certificate-rare.pdf',
      'test-output/certificate-rare',
    ]);
    assert.equal(out.status, 0, out.stderr?.toString());
  });
});

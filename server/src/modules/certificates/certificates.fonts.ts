import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/*
 * Fonts of the certificate. The primary face is Noto Sans Hans from @embedpdf/fonts-sc (docs/decisions/0009),
 * a subset without the CJK Extension B and later blocks: names with rare characters (𠮷 𡒄 𰻝 …) would
 * print as empty boxes (.notdef). Such characters are drawn, run by run, in a fallback that has them (docs/decisions/0011):
 * Hanazono Mincho from the npm package `hanamin` (Extensions A–F, WOFF2 split by Unicode block, turned into
 * TrueType with `wawoff2` since pdfkit embeds TrueType/OpenType), then BabelStone Han when the system has
 * it (Debian fonts-babelstone-han; parts of Extensions G and later, e.g. 𰻝). pdfkit subsets every
 * embedded font, so a certificate carries only the glyphs it prints.
 */

interface FontLike {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { create(data: Buffer): FontLike };
const woff2ToTtf = require('wawoff2/decompress.js') as (woff2: Buffer) => Promise<Uint8Array>;

/** BabelStone Han as Debian installs it (fonts-babelstone-han); optional. */
export const SYSTEM_FALLBACKS = ['/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf'];

let primary: { regular: Buffer; bold: Buffer; cmap: FontLike } | undefined;

/** The primary regular and bold faces, read once; their coverage is the regular face's (same subset). */
export function primaryFonts() {
  if (!primary) {
    const dir = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
    const regular = readFileSync(join(dir, 'NotoSansHans-Regular.otf'));
    primary = {
      regular,
      bold: readFileSync(join(dir, 'NotoSansHans-Bold.otf')),
      cmap: fontkit.create(regular),
    };
  }
  return primary;
}

/** One WOFF2 file of the hanamin package and the code point ranges its @font-face declares. */
interface Block {
  file: string;
  ranges: [number, number][];
}
let blocks: Block[] | undefined;

/** The package's stylesheet says which file holds which Unicode ranges (unicode-range of each @font-face). */
function hanaminBlocks(): Block[] {
  if (!blocks) {
    const dir = dirname(require.resolve('hanamin/package.json'));
    const css = readFileSync(join(dir, 'HanaMin.css'), 'utf8');
    blocks = [];
    for (const face of css.split('@font-face').slice(1)) {
      const file = /url\(([^)]+\.woff2)\)/.exec(face)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(face)?.[1];
      if (!file || !range) continue;
      const ranges = range.split(',').map((r): [number, number] => {
        const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
      });
      blocks.push({ file: join(dir, file), ranges });
    }
  }
  return blocks;
}

/** A fallback face: a name to register with pdfkit, its TrueType data and its coverage. */
export interface Fallback {
  name: string;
  data: Buffer;
  cmap: FontLike;
}
/** Decoded faces, kept for the process (a block is a few hundred KB; few are ever needed). */
const loaded = new Map<string, Promise<Fallback | null>>();

function load(path: string, woff2: boolean): Promise<Fallback | null> {
  let p = loaded.get(path);
  if (!p) {
    p = (async () => {
      if (!existsSync(path)) return null;
      const raw = readFileSync(path);
      const data = woff2 ? Buffer.from(await woff2ToTtf(raw)) : raw;
      return { name: `fallback:${path}`, data, cmap: fontkit.create(data) };
    })().catch(() => null);
    loaded.set(path, p);
  }
  return p;
}

/** The first fallback face that draws the code point, or null when none does. */
async function fallbackFor(cp: number): Promise<Fallback | null> {
  for (const b of hanaminBlocks())
    if (b.ranges.some(([lo, hi]) => cp >= lo && cp <= hi)) {
      const f = await load(b.file, true);
      if (f?.cmap.hasGlyphForCodePoint(cp)) return f;
    }
  for (const path of SYSTEM_FALLBACKS) {
    const f = await load(path, false);
    if (f?.cmap.hasGlyphForCodePoint(cp)) return f;
  }
  return null;
}

/** Whitespace and controls are laid out by the primary face whatever it has. */
const neutral = (cp: number) => cp <= 0x20 || (cp >= 0x2000 && cp <= 0x200f) || cp === 0x3000;

/**
 * For every character of the texts the primary face lacks, the fallback face that has it. Resolved before
 * drawing (loading a face is asynchronous; pdfkit's drawing is not).
 */
export async function fallbacksFor(texts: Iterable<string>): Promise<Map<number, Fallback>> {
  const { cmap } = primaryFonts();
  const out = new Map<number, Fallback>();
  const seen = new Set<number>();
  for (const text of texts)
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (seen.has(cp)) continue;
      seen.add(cp);
      if (neutral(cp) || cmap.hasGlyphForCodePoint(cp)) continue;
      const f = await fallbackFor(cp);
      if (f) out.set(cp, f);
    }
  return out;
}

/** Splits a text into runs of one face: null for the primary face, else the fallback's name. */
export function runsOf(
  text: string,
  fallbacks: Map<number, Fallback>,
): { text: string; font: string | null }[] {
  const runs: { text: string; font: string | null }[] = [];
  for (const ch of text) {
    const font = fallbacks.get(ch.codePointAt(0)!)?.name ?? null;
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += ch;
    else runs.push({ text: ch, font });
  }
  return runs;
}

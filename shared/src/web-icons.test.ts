import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Ant Design icons render role="img" aria-label="<English icon name>" ("user", "plus") unless told otherwise,
// so a screen reader reads "plus 添加岗位". Every icon the web app draws says which it is: decorative
// (aria-hidden, the text beside it or the button's label names it) or meaningful (aria-label in the user's
// language, from a message table).

const web = fileURLToPath(new URL('../../web/src/', import.meta.url));

function tsx(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) tsx(p, out);
    else if (name.endsWith('.tsx')) out.push(p);
  }
  return out;
}

test('every Ant Design icon in the web app is aria-hidden or labelled', () => {
  let seen = 0;
  const bare: string[] = [];
  for (const f of tsx(web)) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/<([A-Z][A-Za-z]*(?:Outlined|Filled|TwoTone))(?=[\s/>])/g)) {
      seen++;
      const rest = text.slice(m.index + m[0].length);
      const tag = rest.slice(0, rest.search(/\/?>/));
      if (!/\baria-(hidden|label)\b/.test(tag)) {
        const line = text.slice(0, m.index).split('\n').length;
        bare.push(`${f.slice(web.length)}:${line} <${m[1]}>`);
      }
    }
  }
  assert.ok(seen > 50, `found ${seen} icons: the pattern still matches the web app's icons`);
  assert.deepEqual(bare, []);
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../test/harness.ts';

// The built web app (issue 17): hashed assets are kept for a year and sent compressed when the client
// accepts it (the build writes .br and .gz beside each file); index.html is revalidated on every visit.
// A folder laid out like web/dist, so the test does not depend on a build.
const SCRIPT = `console.log(${JSON.stringify('一起'.repeat(500))});\n`;
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div>${' '.repeat(2000)}</body></html>\n`;
let dist: string;
let t: TestApp;
before(async () => {
  dist = mkdtempSync(join(tmpdir(), 'yiqi-dist-'));
  mkdirSync(join(dist, 'assets'));
  const files: Record<string, string> = { 'assets/index-AbC123.js': SCRIPT, 'index.html': INDEX };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dist, name), text);
    writeFileSync(join(dist, name + '.br'), brotliCompressSync(text));
    writeFileSync(join(dist, name + '.gz'), gzipSync(text));
  }
  t = await startTestApp({ webDist: dist });
});
after(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('web app files', () => {
  test('hashed assets: immutable for a year, brotli when accepted', async () => {
    const res = await t.app.inject({
      url: '/assets/index-AbC123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], IMMUTABLE);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.match(String(res.headers['vary']), /accept-encoding/i);
    assert.ok(res.rawPayload.length < Buffer.byteLength(SCRIPT) / 4, 'the body is compressed');
    assert.equal(brotliDecompressSync(res.rawPayload).toString(), SCRIPT);
  });

  test('gzip for a client without brotli, the plain file for one without either', async () => {
    const gz = await t.app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers['cache-control'], IMMUTABLE);
    assert.equal(gunzipSync(gz.rawPayload).toString(), SCRIPT);
    const plain = await t.app.inject({
      url: '/assets/index-AbC123.js',
      headers: { 'accept-encoding': 'identity' },
    });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers['cache-control'], IMMUTABLE);
    assert.equal(plain.body, SCRIPT);
  });

  test('index.html, at / and as the fallback of client routes, is revalidated, never immutable', async () => {
    for (const url of ['/', '/index.html', '/m/activities', '/verify/YQ-2026-0000000000']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['cache-control'], 'no-cache', url);
      assert.doesNotMatch(String(res.headers['cache-control']), /immutable|max-age=[1-9]/, url);
      assert.match(String(res.headers['content-type']), /text\/html/, url);
      assert.equal(res.headers['content-encoding'], 'br', url);
      assert.equal(brotliDecompressSync(res.rawPayload).toString(), INDEX, url);
    }
  });

  test('a missing asset is a 404, not index.html', async () => {
    const res = await t.app.inject({ url: '/assets/index-Old999.js', headers: { 'accept-encoding': 'br' } });
    assert.equal(res.statusCode, 404);
    assert.notEqual(res.headers['cache-control'], IMMUTABLE);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { redactUrl } from './log-redact.ts';

let t: TestApp;
let logged = '';
before(async () => {
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logged += String(chunk);
      done();
    },
  });
  t = await startTestApp({ logStream });
});
after(() => t.close());

describe('request URLs in the log', () => {
  test('query values and token-like path segments are replaced, names and words kept', () => {
    assert.equal(redactUrl('/api/activities?q=13812345678&page=2'), '/api/activities?q=~&page=~');
    assert.equal(redactUrl('/api/calendar/abc.ics'), '/api/calendar/~');
    assert.equal(redactUrl('/api/volunteers/11010519491231002X'), '/api/volunteers/~');
    assert.equal(redactUrl('/m/x13812345678'), '/m/~');
    const id = '5d3f0c1e-1111-2222-3333-444455556666';
    assert.equal(redactUrl(`/api/activities/${id}/signups`), `/api/activities/${id}/signups`);
    assert.equal(redactUrl('/api/regions/440305000000'), '/api/regions/440305000000');
  });

  test('a phone typed into the public search and a calendar token never reach the log', async () => {
    const phone = '13912340000';
    const token = 'Zm9vYmFyLXNlY3JldC10b2tlbi12YWx1ZQ';
    const search = await t.app.inject({ url: `/api/activities?q=${phone}&page=1` });
    assert.equal(search.statusCode, 200);
    await t.app.inject({ url: `/api/calendar/${token}.ics` });
    await t.app.inject({ url: `/api/activities?q=${encodeURIComponent('李梅 ' + phone)}` });
    await t.app.inject({ url: `/api/nothing/${phone}/here` });
    assert.ok(logged.includes('/api/activities?q=~&page=~'), 'the request was logged by its shape');
    assert.ok(logged.includes('/api/nothing/~/here'), 'a path of no route is logged by its shape too');
    assert.ok(!logged.includes(phone), 'no phone in the log');
    assert.ok(!logged.includes(token), 'no calendar token in the log');
    assert.ok(!logged.includes('李梅'), 'no typed name in the log');
    assert.ok(!/"cookie"|"user-agent"/.test(logged), 'no headers in the log');
  });
});

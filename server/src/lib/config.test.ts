import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testConfig } from '../test/harness.ts';

describe('replica configuration', () => {
  it('has no replica by default, and the documented limits', () => {
    const c = testConfig();
    assert.equal(c.readDatabaseUrl, undefined);
    assert.equal(c.replicaMaxLagMs, 30_000);
    assert.equal(c.readYourWritesMs, 10_000);
  });

  it('takes READ_DATABASE_URL beside DATABASE_URL, and refuses it alone (no primary to fall back to)', () => {
    const c = testConfig({
      DATABASE_URL: 'postgres://yiqi_app@db1/yiqi',
      READ_DATABASE_URL: 'postgres://yiqi_app@db2/yiqi',
      REPLICA_MAX_LAG_MS: '5000',
    });
    assert.equal(c.readDatabaseUrl, 'postgres://yiqi_app@db2/yiqi');
    assert.equal(c.replicaMaxLagMs, 5000);
    assert.throws(
      () => testConfig({ READ_DATABASE_URL: 'postgres://yiqi_app@db2/yiqi' }),
      /READ_DATABASE_URL needs DATABASE_URL/,
    );
    assert.throws(() => testConfig({ REPLICA_MAX_LAG_MS: '0' }), /REPLICA_MAX_LAG_MS must be an integer/);
  });
});

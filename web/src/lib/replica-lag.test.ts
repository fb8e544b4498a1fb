import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REPLICA_LAG_HEADER } from '@yiqi/shared/replica';
import { lagNoticeSeconds, recordReplicaLag, replicaLagOf } from './replica-lag.ts';

const headers = (lag?: string) => new Headers(lag === undefined ? {} : { [REPLICA_LAG_HEADER]: lag });

describe('replica lag notice', () => {
  it('says nothing under two seconds, and whole seconds above', () => {
    assert.equal(lagNoticeSeconds(undefined), null);
    assert.equal(lagNoticeSeconds(0), null);
    assert.equal(lagNoticeSeconds(1999), null);
    assert.equal(lagNoticeSeconds(2000), 2);
    assert.equal(lagNoticeSeconds(12_400), 12);
  });

  it('keeps the last lag per path, without the query, and forgets it when the primary answered', () => {
    recordReplicaLag('/api/activities?page=2', headers('5000'));
    assert.equal(replicaLagOf('/api/activities'), 5000);
    recordReplicaLag('/api/activities', headers('not a number'));
    assert.equal(replicaLagOf('/api/activities'), 5000, 'a bad value is ignored');
    recordReplicaLag('/api/console/todo', headers('0'));
    assert.equal(replicaLagOf('/api/console/todo'), 0);
    assert.equal(replicaLagOf('/api/activities'), 5000, 'each path its own');
    recordReplicaLag('/api/activities', headers());
    assert.equal(replicaLagOf('/api/activities'), undefined, 'the primary answered: up to date');
  });
});

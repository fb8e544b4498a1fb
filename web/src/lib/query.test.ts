import { test } from 'node:test';
import assert from 'node:assert/strict';
import { focusManager, QueryObserver } from '@tanstack/react-query';
import { queryClient } from './query.ts';

// Issue 17: a member list showed "暂无成员记录" after an application until the page was reloaded. Lists
// older than their stale time are read again when the window regains focus.
test('a stale list is fetched again when the window regains focus', async () => {
  let reads = 0;
  const key = ['members', 'focus-test'];
  const observer = new QueryObserver(queryClient, {
    queryKey: key,
    queryFn: async () => ++reads,
    staleTime: 0,
  });
  queryClient.mount(); // as QueryClientProvider does: it listens to focus from then on
  const unsubscribe = observer.subscribe(() => undefined);
  try {
    await queryClient.fetchQuery({ queryKey: key, queryFn: async () => ++reads, staleTime: 0 });
    const before = reads;
    focusManager.setFocused(false);
    focusManager.setFocused(true);
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(reads > before, 'focus brought a new read');
  } finally {
    unsubscribe();
    queryClient.unmount();
    focusManager.setFocused(undefined);
    queryClient.clear();
  }
});

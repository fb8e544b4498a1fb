import { QueryCache, QueryClient, MutationCache } from '@tanstack/react-query';
import { ApiError } from './api.ts';

export const ME_KEY = ['me'] as const;

/** Codes that mean the session changed under us: re-read /api/me and let the route gates decide. */
const SESSION_CODES = new Set(['UNAUTHENTICATED', 'MFA_REQUIRED']);

function onError(error: unknown): void {
  if (error instanceof ApiError && SESSION_CODES.has(error.code))
    void queryClient.invalidateQueries({ queryKey: ME_KEY });
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      // Client errors (4xx) will not change on retry; network and server errors may.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      // Coming back to the tab re-reads what is older than staleTime: a list another admin (or this one in
      // another tab) changed is not left stale until a reload (issue 17). Mutations invalidate their own.
      refetchOnWindowFocus: true,
      staleTime: 30_000,
    },
  },
});

/**
 * Drops every cached answer except /me, when the signed-in user changes. (clear() would also drop the
 * /me entry the route gates observe, and they would never hear of the new session.)
 */
export function forgetAllButMe(qc: QueryClient): void {
  // Exactly ['me']: keys that merely start with 'me' (['me', 'memberships'] …) are the previous user's data.
  const others = (q: { queryKey: readonly unknown[] }) =>
    !(q.queryKey.length === 1 && q.queryKey[0] === ME_KEY[0]);
  qc.cancelQueries({ predicate: others }).catch(() => undefined);
  qc.removeQueries({ predicate: others });
}

import { useCallback } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { forgetAllButMe, ME_KEY } from '../../lib/query.ts';
import { fetchMe, logout, type MeView } from './api.ts';

/** Where a user stands: no session, owes the second factor (enrol or verify), or may use the console. */
export type AuthStage = 'anonymous' | 'enrol' | 'verify' | 'ready';

export function stageOf(me: MeView | null | undefined): AuthStage {
  if (!me) return 'anonymous';
  if (!me.isStaff) return 'ready';
  if (!me.mfa.enrolled) return 'enrol';
  return me.mfa.verified ? 'ready' : 'verify';
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The signed-in user inside the console (the route gate guarantees there is one). */
export function useCurrentUser(): MeView {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the signed-in console');
  return data;
}

/**
 * True from a deliberate sign-out until the next sign-in: the console's gate then sends the sign-in page
 * no `next`, so whoever signs in next starts afresh. (A session that merely expired keeps its `next`.)
 */
let signingOut = false;
export const isSigningOut = (): boolean => signingOut;
export const signedIn = (): void => {
  signingOut = false;
};

/** Ends the session on the server, forgets every cached answer and returns to the sign-in page. */
export function useSignOut(): () => Promise<void> {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await logout();
    } catch {
      // The session may have ended already; signing out locally is all that is left to do.
    }
    signingOut = true;
    navigate('/login', { replace: true });
    forgetAllButMe(qc);
    qc.setQueryData(ME_KEY, null);
  }, [qc, navigate]);
}

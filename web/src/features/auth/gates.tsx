import { lazy, useEffect } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { safeNext } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { Loading } from '../shell/Loading.tsx';
import { hasAnyRole, TEAM_ADMINS } from '../shell/access.ts';
import { mayOpen, useNav } from '../shell/nav.tsx';
import { isSigningOut, stageOf, useMe } from './session.ts';

const LoginPage = lazy(() => import('./LoginPage.tsx'));
const MfaEnrolPage = lazy(() => import('./MfaEnrolPage.tsx'));
const MfaVerifyPage = lazy(() => import('./MfaVerifyPage.tsx'));

function useNext(): string {
  const [params] = useSearchParams();
  return safeNext(params.get('next'));
}

function withNext(path: string, next: string): string {
  return next === '/' ? path : `${path}?next=${encodeURIComponent(next)}`;
}

/** The console: only for a session that has passed every step it owes. */
export function RequireConsole() {
  const me = useMe();
  const location = useLocation();
  const { chosen, setLocale } = useLocale();
  // A device that never chose a language follows the account's stored choice.
  const stored = me.data?.locale;
  useEffect(() => {
    if (stored && !chosen) setLocale(stored);
  }, [stored, chosen, setLocale]);
  const here = location.pathname + location.search;
  if (me.isPending) return <Loading fullScreen />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  const stage = stageOf(me.data);
  if (stage === 'anonymous') {
    // `/` is the public home page, one of the light pages (src/public): a visitor reaching it inside the
    // full app (a link, going back) gets it by loading the address afresh (main.tsx).
    if (location.pathname === '/' && !isSigningOut()) return <PublicHome />;
    return <Navigate to={isSigningOut() ? '/login' : withNext('/login', here)} replace />;
  }
  if (stage !== 'ready') return <Navigate to={withNext('/mfa', here)} replace />;
  return <Outlet />;
}

/** Loads `/` afresh, where main.tsx shows the light public home page. */
function PublicHome() {
  useEffect(() => window.location.replace('/'), []);
  return <Loading fullScreen />;
}

/** /login: the form, or onwards when a session exists already. */
export function LoginRoute() {
  const me = useMe();
  const next = useNext();
  const nav = useNav();
  if (me.isPending) return <Loading fullScreen />;
  const stage = stageOf(me.data);
  if (stage === 'ready') return <Navigate to={mayOpen(nav, me.data!, next) ? next : '/'} replace />;
  if (stage !== 'anonymous') return <Navigate to={withNext('/mfa', next)} replace />;
  return <LoginPage />;
}

/** /mfa: enrolment or verification, whichever the session owes. */
export function MfaRoute() {
  const me = useMe();
  const next = useNext();
  const nav = useNav();
  if (me.isPending) return <Loading fullScreen />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  const stage = stageOf(me.data);
  if (stage === 'anonymous') return <Navigate to="/login" replace />;
  // The page asked for before sign-in, unless it belonged to someone else's session and is not for this user.
  if (stage === 'ready') return <Navigate to={mayOpen(nav, me.data!, next) ? next : '/'} replace />;
  return stage === 'enrol' ? <MfaEnrolPage /> : <MfaVerifyPage />;
}

/** The volunteer area asks no more of a session than the console: signed in, every step done. */
export const RequireSignedIn = RequireConsole;

/** `/`: staff start in the console, everyone else in the volunteer area. */
export function HomeRedirect() {
  const me = useMe();
  // Region and organization admins start on their figures with the to-do list below (features/statistics
  // DashboardPage), other staff on the regions.
  const home = !me.data?.isStaff
    ? '/m/profile'
    : hasAnyRole(me.data, TEAM_ADMINS)
      ? '/dashboard'
      : '/regions';
  return <Navigate to={home} replace />;
}

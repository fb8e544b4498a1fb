import {
  createContext,
  useContext,
  useEffect,
  useState,
  type AnchorHTMLAttributes,
  type MouseEvent,
} from 'react';
import { LIGHT_PATH } from './routes.ts';

/**
 * The light public pages' own routing (docs/decisions/0044-light-public-pages.md): a handful of paths, so a
 * match table and the History API instead of react-router. A path outside the table hands over to the full
 * app (console, volunteer area, every other page) at that address.
 */

export { LIGHT_PATH };

export interface Place {
  path: string;
  search: URLSearchParams;
}

const here = (): Place => ({ path: location.pathname, search: new URLSearchParams(location.search) });

interface RouterState {
  place: Place;
  go: (to: string, opts?: { replace?: boolean }) => void;
}

const RouterContext = createContext<RouterState | null>(null);

/** Keeps the place in step with the address; `leave` is called when the address is not a light page. */
export function useRouterState(leave: () => void): RouterState {
  const [place, setPlace] = useState(here);
  useEffect(() => {
    const onPop = () => (LIGHT_PATH.test(location.pathname) ? setPlace(here()) : leave());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, [leave]);
  const go = (to: string, opts: { replace?: boolean } = {}) => {
    history[opts.replace ? 'replaceState' : 'pushState'](null, '', to);
    if (!LIGHT_PATH.test(location.pathname)) return leave();
    setPlace(here());
    if (!opts.replace) scrollTo(0, 0);
  };
  return { place, go };
}

export const RouterProvider = RouterContext.Provider;

export function useRouter(): RouterState {
  const r = useContext(RouterContext);
  if (!r) throw new Error('useRouter outside the light app');
  return r;
}

/** A same-site link: a plain left click moves without reloading (a modified click opens as the browser does). */
export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { go } = useRouter();
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    go(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}

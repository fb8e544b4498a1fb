import type { ReactNode } from 'react';
import { LOCALES, type Locale } from '@yiqi/shared/i18n';
import { LOCALE_LABELS, useLocale, useMessages } from '../lib/locale.tsx';
import { Logo } from '../features/shell/Logo.tsx';
import { mobileMessages } from '../features/mobile/messages.ts';
import { shellMessages } from '../features/shell/messages.ts';
import { Link } from './router.tsx';
import { publicMessages } from './messages.ts';

/** The language choice as a native select: labelled, keyboard-ready and 44 px tall without a library. */
export function LocaleSelect() {
  const { locale, setLocale } = useLocale();
  const s = useMessages(shellMessages);
  return (
    <select
      className="lp-select"
      value={locale}
      aria-label={s.language}
      data-testid="locale-switch"
      onChange={(e) => setLocale(e.target.value as Locale)}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LOCALE_LABELS[l]}
        </option>
      ))}
    </select>
  );
}

/** Brand, language and sign-in above a narrow column: the frame of the public pages for visitors. */
export function Frame({ children, signIn = true }: { children: ReactNode; signIn?: boolean }) {
  const m = useMessages(mobileMessages);
  const t = useMessages(publicMessages);
  const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname)}`;
  return (
    <div className="lp">
      <a className="lp-skip" href="#main">
        {t.skip}
      </a>
      <header className="lp-head">
        <nav className="lp-bar">
          <Link to="/" className="lp-brand">
            <Logo size={28} />
            <span>{m.brand}</span>
          </Link>
          <div className="lp-grow" />
          <LocaleSelect />
          {signIn && (
            <Link to={`/login${next}`} className="lp-btn" data-testid="sign-in-link">
              {t.signIn}
            </Link>
          )}
        </nav>
      </header>
      <main id="main" className="lp-main">
        {children}
      </main>
    </div>
  );
}

import { useRef, useState, type FormEvent } from 'react';
import { useLocale, useMessages } from '../lib/locale.tsx';
import { login, type MeView } from '../features/auth/api.ts';
import { authMessages } from '../features/auth/messages.ts';
import { recoveryMessages } from '../features/auth/recovery.messages.ts';
import { Logo } from '../features/shell/Logo.tsx';
import { LocaleSelect } from './Frame.tsx';
import { Link } from './router.tsx';

/**
 * /login for a visitor: the password form (the light twin of features/auth/LoginPage.tsx, same ids and
 * test ids). Once signed in, the full app takes over at this address and its sign-in gate moves on: to
 * the second factor, to `next`, or home.
 */
export function LoginPage({ done }: { done: (me: MeView) => void }) {
  const t = useMessages(authMessages);
  const r = useMessages(recoveryMessages);
  const { chosen, setLocale } = useLocale();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const next = new URLSearchParams(location.search).get('next');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const lacking = { username: !username.trim(), password: !password };
    setMissing(lacking);
    if (lacking.username || lacking.password) return;
    setBusy(true);
    setError(null);
    try {
      const me = await login(username.trim(), password);
      if (!chosen) setLocale(me.locale);
      done(me);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setPassword('');
      setBusy(false);
      // After a failure, straight back to the (cleared) password field.
      setTimeout(() => passwordRef.current?.focus());
    }
  };

  return (
    <div className="lp lp-auth">
      <div className="lp-bar" style={{ justifyContent: 'flex-end', width: '100%', maxWidth: 'none' }}>
        <LocaleSelect />
      </div>
      <main
        style={{
          flex: 1,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          padding: '0 16px 24px',
        }}
      >
        <div style={{ width: '100%', maxWidth: 400 }}>
          <div className="lp-col" style={{ alignItems: 'center', marginBottom: 20 }}>
            <Link to="/" aria-label={t.productFull} style={{ display: 'inline-flex' }}>
              <Logo size={48} />
            </Link>
            <h1 style={{ fontSize: 24, textAlign: 'center' }}>{t.productFull}</h1>
          </div>
          <section className="lp-card" style={{ padding: 24 }}>
            <h2 style={{ fontSize: 16, marginBottom: 16 }}>{t.signInTitle}</h2>
            <form onSubmit={(e) => void submit(e)} noValidate>
              <div className="lp-field">
                <label htmlFor="username">{t.loginName}</label>
                <input
                  id="username"
                  className="lp-input"
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                  autoComplete="username"
                  autoFocus
                  autoCapitalize="none"
                  spellCheck={false}
                  disabled={busy}
                  aria-invalid={missing.username || undefined}
                  aria-describedby={missing.username ? 'username-help' : undefined}
                />
                {missing.username && (
                  <span id="username-help" className="lp-error" role="alert">
                    {t.usernameRequired}
                  </span>
                )}
              </div>
              <div className="lp-field">
                <label htmlFor="password">{t.password}</label>
                <input
                  id="password"
                  ref={passwordRef}
                  type="password"
                  className="lp-input"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  autoComplete="current-password"
                  disabled={busy}
                  aria-invalid={missing.password || undefined}
                  aria-describedby={missing.password ? 'password-help' : undefined}
                />
                {missing.password && (
                  <span id="password-help" className="lp-error" role="alert">
                    {t.passwordRequired}
                  </span>
                )}
              </div>
              {error && (
                <div className="lp-alert" role="alert" data-testid="login-error" style={{ marginBottom: 16 }}>
                  {error}
                </div>
              )}
              <button
                type="submit"
                className="lp-btn primary block"
                disabled={busy}
                data-testid="login-submit"
              >
                {busy ? t.signingIn : t.signIn}
              </button>
            </form>
            <p style={{ textAlign: 'center', margin: '16px 0 0' }}>
              <Link to="/forgot-password" data-testid="forgot-link">
                {r.forgotLink}
              </Link>
              {' · '}
              <Link to="/claim" data-testid="claim-link">
                {r.claimLink}
              </Link>
            </p>
            <p style={{ textAlign: 'center', margin: '8px 0 0' }}>
              {t.noAccount}{' '}
              <Link
                to={next ? `/m/register?next=${encodeURIComponent(next)}` : '/m/register'}
                data-testid="register-link"
              >
                {t.registerLink}
              </Link>
            </p>
          </section>
        </div>
      </main>
      <p
        className="lp-muted"
        style={{ textAlign: 'center', fontSize: 12, padding: '0 16px 16px', margin: 0 }}
      >
        {t.footer}
      </p>
    </div>
  );
}

import { Suspense, type ReactNode } from 'react';
import { Button, ConfigProvider, Flex, Grid, Typography } from 'antd';
import { Link, useLocation } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { NotificationBell } from '../activities/NotificationBell.tsx';
import { ErrorBoundary } from '../shell/ErrorBoundary.tsx';
import { Loading } from '../shell/Loading.tsx';
import { LocaleSwitch } from '../shell/LocaleSwitch.tsx';
import { Logo } from '../shell/Logo.tsx';
import { mobileMessages } from './messages.ts';
import { BAR, MoreMenu, TabBar, TopNav } from './MobileNav.tsx';

/** Who is looking: a signed-in user gets the sections, a visitor a way to sign in, and neither while unknown. */
export type FrameMode = 'member' | 'guest' | 'unknown';

/** Sign in (and come back here), or register. */
function GuestLinks({ mobile }: { mobile: boolean }) {
  const t = useMessages(mobileMessages);
  const { pathname, search } = useLocation();
  const next = encodeURIComponent(pathname + search);
  return (
    <Flex gap={4} align="center">
      {!mobile && (
        <Link to={`/m/register?next=${next}`} style={{ padding: '0 8px' }}>
          {t.register}
        </Link>
      )}
      <Link to={`/login?next=${next}`}>
        <Button type="primary" size="small" data-testid="guest-sign-in">
          {t.signIn}
        </Button>
      </Link>
    </Flex>
  );
}

/** The volunteer area's page: mobile-first, a narrow column, the sections as tabs (when signed in). */
/** Touch targets of the volunteer area: controls 44 px tall (with the CSS of .yiqi-touch in index.html). */
const TOUCH_THEME = { token: { controlHeight: 44, controlHeightLG: 48 } };

export function MobileFrame({ mode, children }: { mode: FrameMode; children: ReactNode }) {
  const t = useMessages(mobileMessages);
  const mobile = Grid.useBreakpoint().md === false;
  const { pathname } = useLocation();
  const member = mode === 'member';
  const tabs = member && mobile;
  return (
    <ConfigProvider theme={TOUCH_THEME}>
      <div
        className="yiqi-touch"
        style={{ minHeight: '100vh', background: '#f5f5f5', display: 'flex', flexDirection: 'column' }}
      >
        <header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 20,
            background: '#fff',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Flex
            align="center"
            gap={mobile ? 4 : 12}
            style={{ maxWidth: 1040, margin: '0 auto', height: 52, padding: '0 12px' }}
          >
            <Link
              to={member ? '/m/profile' : '/m/activities'}
              style={{ display: 'flex', alignItems: 'center', gap: 8, color: 'inherit', flexShrink: 0 }}
            >
              <Logo size={28} />
              <Typography.Text strong style={{ fontSize: 16 }}>
                {t.brand}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t.brandSub}
              </Typography.Text>
            </Link>
            <div style={{ flex: 1 }} />
            {member && !mobile && <TopNav />}
            {member && <NotificationBell />}
            {member && <MoreMenu />}
            <LocaleSwitch compact={mobile} />
            {mode === 'guest' && <GuestLinks mobile={mobile} />}
          </Flex>
        </header>
        <main
          style={{
            flex: 1,
            width: '100%',
            boxSizing: 'border-box',
            maxWidth: 720,
            margin: '0 auto',
            padding: tabs
              ? `12px 12px calc(${BAR + 16}px + env(safe-area-inset-bottom))`
              : mobile
                ? '12px 12px 32px'
                : '24px 16px 40px',
          }}
        >
          <ErrorBoundary resetKey={pathname}>
            <Suspense fallback={<Loading />}>{children}</Suspense>
          </ErrorBoundary>
        </main>
        {tabs && <TabBar />}
      </div>
    </ConfigProvider>
  );
}

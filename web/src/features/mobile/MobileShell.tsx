import { Suspense } from 'react';
import { Flex, Grid, Typography } from 'antd';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useMessages } from '../../lib/i18n.tsx';
import { ErrorBoundary } from '../shell/ErrorBoundary.tsx';
import { Loading } from '../shell/Loading.tsx';
import { LocaleSwitch } from '../shell/LocaleSwitch.tsx';
import { Logo } from '../shell/Logo.tsx';
import { mobileMessages } from './messages.ts';
import { TABS } from './tabs.tsx';

const ACCENT = '#d4380d';
const BAR = 60;

/** The header links of the volunteer area on wider screens. */
function TopNav() {
  const t = useMessages(mobileMessages);
  return (
    <nav aria-label={t.nav}>
      <Flex gap={4}>
        {TABS.map((tab) => (
          <NavLink
            key={tab.path}
            to={tab.path}
            style={({ isActive }) => ({
              padding: '6px 12px',
              borderRadius: 6,
              color: isActive ? ACCENT : 'rgba(0,0,0,0.75)',
              background: isActive ? '#fff2e8' : 'transparent',
              fontWeight: isActive ? 600 : 400,
              display: 'flex',
              gap: 6,
              alignItems: 'center',
            })}
          >
            {tab.icon}
            {tab.label(t)}
          </NavLink>
        ))}
      </Flex>
    </nav>
  );
}

/** The tab bar fixed to the bottom of a phone's screen (above the home indicator). */
function TabBar() {
  const t = useMessages(mobileMessages);
  return (
    <nav
      aria-label={t.nav}
      style={{
        position: 'fixed',
        insetInline: 0,
        bottom: 0,
        zIndex: 20,
        background: '#fff',
        borderTop: '1px solid #f0f0f0',
        paddingBottom: 'env(safe-area-inset-bottom)',
        display: 'flex',
      }}
    >
      {TABS.map((tab) => (
        <NavLink
          key={tab.path}
          to={tab.path}
          data-testid={`tab-${tab.path.split('/').pop()}`}
          style={({ isActive }) => ({
            flex: 1,
            height: BAR,
            display: 'flex',
            flexDirection: 'column',
            alignItems: 'center',
            justifyContent: 'center',
            gap: 2,
            fontSize: 12,
            color: isActive ? ACCENT : 'rgba(0,0,0,0.55)',
            fontWeight: isActive ? 600 : 400,
          })}
        >
          <span style={{ fontSize: 20, lineHeight: 1 }}>{tab.icon}</span>
          {tab.label(t)}
        </NavLink>
      ))}
    </nav>
  );
}

/** The volunteer area: mobile-first, a narrow column with the sections as tabs. */
export default function MobileShell() {
  const t = useMessages(mobileMessages);
  const mobile = Grid.useBreakpoint().md === false;
  const { pathname } = useLocation();
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', display: 'flex', flexDirection: 'column' }}>
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
          gap={12}
          style={{ maxWidth: 960, margin: '0 auto', height: 52, padding: '0 12px' }}
        >
          <Link to="/m/profile" style={{ display: 'flex', alignItems: 'center', gap: 8, color: 'inherit' }}>
            <Logo size={28} />
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t.brand}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.brandSub}
            </Typography.Text>
          </Link>
          <div style={{ flex: 1 }} />
          {!mobile && <TopNav />}
          <LocaleSwitch compact={mobile} />
        </Flex>
      </header>
      <main
        style={{
          flex: 1,
          width: '100%',
          boxSizing: 'border-box',
          maxWidth: 720,
          margin: '0 auto',
          padding: mobile ? `12px 12px calc(${BAR + 16}px + env(safe-area-inset-bottom))` : '24px 16px 40px',
        }}
      >
        <ErrorBoundary resetKey={pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      {mobile && <TabBar />}
    </div>
  );
}

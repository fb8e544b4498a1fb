import { Suspense, useState } from 'react';
import { Button, Drawer, Flex, Grid, Layout, Typography } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Loading } from './Loading.tsx';
import { LocaleSwitch } from './LocaleSwitch.tsx';
import { Logo } from './Logo.tsx';
import { shellMessages } from './messages.ts';
import { NavMenu } from './NavMenu.tsx';
import { UserMenu } from './UserMenu.tsx';

function Brand({ collapsed = false }: { collapsed?: boolean }) {
  const t = useMessages(shellMessages);
  return (
    <Link
      to="/"
      style={{ display: 'flex', alignItems: 'center', gap: 10, padding: '16px 20px', color: 'inherit' }}
    >
      <span style={{ display: 'flex', flexShrink: 0 }}>
        <Logo size={32} />
      </span>
      {!collapsed && (
        <Flex vertical style={{ lineHeight: 1.2, minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {t.brand}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t.brandSub}
          </Typography.Text>
        </Flex>
      )}
    </Link>
  );
}

/** The signed-in console: side menu (a drawer on phones), header with language and user, routed content. */
export default function AppShell() {
  const t = useMessages(shellMessages);
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { pathname } = useLocation();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Layout.Sider
          theme="light"
          width={224}
          collapsible
          collapsed={collapsed || screens.lg === false}
          onCollapse={setCollapsed}
          style={{ borderInlineEnd: '1px solid #f0f0f0', position: 'sticky', top: 0, height: '100vh' }}
        >
          {/* The menu scrolls under the brand: with every domain's entries it is taller than a laptop screen,
              and the collapse trigger at the bottom must not cover its last entries. */}
          <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
            <Brand collapsed={collapsed || screens.lg === false} />
            <nav aria-label={t.brand} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>
              <NavMenu />
            </nav>
          </div>
        </Layout.Sider>
      )}
      <Drawer
        open={mobile && drawerOpen}
        onClose={() => setDrawerOpen(false)}
        placement="left"
        size={260}
        closable={false}
        styles={{ body: { padding: 0 } }}
      >
        <Brand />
        <nav aria-label={t.brand}>
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </nav>
      </Drawer>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            padding: mobile ? '0 8px' : '0 20px',
            borderBottom: '1px solid #f0f0f0',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          {mobile && (
            <>
              <Button
                type="text"
                icon={<MenuOutlined aria-hidden />}
                aria-label={t.openMenu}
                onClick={() => setDrawerOpen(true)}
              />
              <Link to="/" aria-label={t.brand} style={{ display: 'flex' }}>
                <Logo size={28} />
              </Link>
            </>
          )}
          <div style={{ flex: 1 }} />
          <LocaleSwitch compact={mobile} />
          <UserMenu compact={mobile} />
        </Layout.Header>
        <Layout.Content style={{ padding: mobile ? 12 : 24 }}>
          <main>
            <ErrorBoundary resetKey={pathname}>
              <Suspense fallback={<Loading />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

import { Suspense } from 'react';
import { Flex, Typography } from 'antd';
import { Link, Outlet, useLocation } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { mobileMessages } from '../mobile/messages.ts';
import { ErrorBoundary } from '../shell/ErrorBoundary.tsx';
import { Loading } from '../shell/Loading.tsx';
import { LocaleSwitch } from '../shell/LocaleSwitch.tsx';
import { Logo } from '../shell/Logo.tsx';

/**
 * The public certificate check pages (证明核验; at /verify, the address printed on certificates): whoever scans a certificate's QR code (a school, an employer) needs no
 * account, so only the brand and the language switch sit above a narrow column.
 */
export default function CertificateCheckLayout() {
  const m = useMessages(mobileMessages);
  const { pathname } = useLocation();
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <header style={{ background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        <Flex
          align="center"
          gap={8}
          style={{ maxWidth: 720, margin: '0 auto', height: 52, padding: '0 12px' }}
        >
          <Link
            to="/m/activities"
            style={{ display: 'flex', alignItems: 'center', gap: 8, color: 'inherit' }}
          >
            <Logo size={28} />
            <Typography.Text strong style={{ fontSize: 16 }}>
              {m.brand}
            </Typography.Text>
          </Link>
          <div style={{ flex: 1 }} />
          <LocaleSwitch compact />
        </Flex>
      </header>
      <main style={{ maxWidth: 720, margin: '0 auto', padding: '24px 12px 40px', boxSizing: 'border-box' }}>
        <ErrorBoundary resetKey={pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

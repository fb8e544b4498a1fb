import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { LocaleSwitch } from '../shell/LocaleSwitch.tsx';
import { Logo } from '../shell/Logo.tsx';
import { authMessages } from './messages.ts';

/** The frame of the sign-in steps: brand, a centred card (full width on phones), language switch. */
export function AuthCard({
  title,
  children,
  width = 400,
}: {
  title: ReactNode;
  children: ReactNode;
  width?: number;
}) {
  const t = useMessages(authMessages);
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #fff2e8 0%, #f5f5f5 45%, #f0f5ff 100%)',
      }}
    >
      <Flex justify="flex-end" style={{ padding: '8px 12px' }}>
        <LocaleSwitch />
      </Flex>
      <main
        style={{
          flex: 1,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          padding: '0 16px 24px',
        }}
      >
        <div style={{ width: '100%', maxWidth: width }}>
          <Flex vertical align="center" gap={4} style={{ marginBottom: 20 }}>
            <Logo size={48} />
            <Typography.Title level={3} style={{ margin: '8px 0 0', textAlign: 'center' }}>
              {t.productFull}
            </Typography.Title>
          </Flex>
          <Card title={<h2 style={{ margin: 0, fontSize: 16, fontWeight: 600 }}>{title}</h2>}>
            {children}
          </Card>
        </div>
      </main>
      <Typography.Text type="secondary" style={{ textAlign: 'center', fontSize: 12, padding: '0 16px 16px' }}>
        {t.footer}
      </Typography.Text>
    </div>
  );
}

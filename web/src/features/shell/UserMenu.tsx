import { useState } from 'react';
import { App, Avatar, Button, Dropdown, Flex, Typography } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useLocale, useMessages } from '../../lib/i18n.tsx';
import { ChangePasswordModal } from '../auth/ChangePasswordModal.tsx';
import { useCurrentUser, useSignOut } from '../auth/session.ts';
import { shellMessages } from './messages.ts';
import { scopeLabel } from './scope.ts';

/** Header corner: who is signed in and where they act, password change and sign-out. */
export function UserMenu({ compact }: { compact: boolean }) {
  const t = useMessages(shellMessages);
  const { locale } = useLocale();
  const me = useCurrentUser();
  const signOut = useSignOut();
  const { modal } = App.useApp();
  const [pwOpen, setPwOpen] = useState(false);
  const scopes = me.roles.map((r) => scopeLabel(r, locale));
  const summary = scopes[0] ?? t.volunteer;

  const confirmSignOut = () =>
    modal.confirm({
      title: t.signOutConfirmTitle,
      content: t.signOutConfirmBody,
      okText: t.signOutOk,
      cancelText: t.cancel,
      icon: <LogoutOutlined aria-hidden />,
      onOk: signOut,
    });

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'who',
              disabled: true,
              label: (
                <Flex vertical style={{ color: 'rgba(0,0,0,0.88)', maxWidth: 280 }}>
                  <Typography.Text strong>{me.displayName}</Typography.Text>
                  <Typography.Text type="secondary">@{me.username}</Typography.Text>
                  {(scopes.length ? scopes : [t.volunteer]).map((s) => (
                    <Typography.Text key={s} type="secondary">
                      {s}
                    </Typography.Text>
                  ))}
                </Flex>
              ),
            },
            { type: 'divider' },
            {
              key: 'password',
              icon: <KeyOutlined aria-hidden />,
              label: t.changePassword,
              onClick: () => setPwOpen(true),
            },
            {
              key: 'signout',
              icon: <LogoutOutlined aria-hidden />,
              label: t.signOut,
              danger: true,
              onClick: confirmSignOut,
            },
          ],
        }}
      >
        <Button type="text" data-testid="user-menu" style={{ height: 'auto', padding: '4px 8px' }}>
          <Flex align="center" gap={8}>
            <Avatar size="small" icon={<UserOutlined aria-hidden />} style={{ background: '#d4380d' }} />
            {!compact && (
              <Flex vertical align="flex-start" style={{ lineHeight: 1.25, maxWidth: 260 }}>
                <Typography.Text strong ellipsis data-testid="user-name">
                  {me.displayName}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }} data-testid="user-scope">
                  {summary}
                  {scopes.length > 1 ? ` +${scopes.length - 1}` : ''}
                </Typography.Text>
              </Flex>
            )}
          </Flex>
        </Button>
      </Dropdown>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </>
  );
}

import { useState } from 'react';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { LOCALE_LABELS, useLocale, useMessages } from '../../lib/i18n.tsx';
import { scopeLabel } from '../shell/scope.ts';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';
import { authMessages } from './messages.ts';
import { useCurrentUser } from './session.ts';

/** 我的账户: who I am, my roles and scopes, second factor, language; change password. */
export default function AccountPage() {
  const t = useMessages(authMessages);
  const { locale } = useLocale();
  const me = useCurrentUser();
  const [pwOpen, setPwOpen] = useState(false);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t.accountTitle}
      </Typography.Title>
      <Card>
        <Descriptions
          column={1}
          items={[
            { key: 'username', label: t.username, children: me.username },
            { key: 'name', label: t.displayName, children: me.displayName },
            {
              key: 'roles',
              label: t.roles,
              children: me.roles.length ? (
                <Space wrap>
                  {me.roles.map((r) => (
                    <Tag key={r.id} color="volcano">
                      {scopeLabel(r, locale)}
                    </Tag>
                  ))}
                </Space>
              ) : (
                t.noRoles
              ),
            },
            {
              key: 'mfa',
              label: t.mfaStatus,
              children: me.mfa.enrolled ? <Tag color="success">{t.mfaOn}</Tag> : <Tag>{t.mfaOff}</Tag>,
            },
            { key: 'locale', label: t.language, children: LOCALE_LABELS[locale] },
          ]}
        />
        <Button icon={<KeyOutlined aria-hidden />} onClick={() => setPwOpen(true)} style={{ marginTop: 16 }}>
          {t.changePassword}
        </Button>
      </Card>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </Space>
  );
}

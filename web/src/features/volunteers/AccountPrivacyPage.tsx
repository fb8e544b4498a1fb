import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { ApartmentOutlined, DownloadOutlined, KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ChangePasswordModal } from '../auth/ChangePasswordModal.tsx';
import { useCurrentUser, useSignOut } from '../auth/session.ts';
import { LocaleSwitch } from '../shell/LocaleSwitch.tsx';
import { shellMessages } from '../shell/messages.ts';
import { accountMessages } from './account.messages.ts';
import { exportMyData } from './api.ts';
import { CloseAccountModal } from './CloseAccountModal.tsx';
import { useMyVolunteer } from './useMyVolunteer.ts';

/** /m/account — sign-in details, language, password, own-data export, organizations, account closure. */
export default function AccountPrivacyPage() {
  const t = useMessages(accountMessages);
  const s = useMessages(shellMessages);
  const me = useCurrentUser();
  const v = useMyVolunteer().data;
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [pwOpen, setPwOpen] = useState(false);
  const [closing, setClosing] = useState(false);
  const [busy, setBusy] = useState<'json' | 'xlsx' | null>(null);

  const download = async (format: 'json' | 'xlsx') => {
    setBusy(format);
    try {
      await exportMyData(format);
      void message.success(t.exportStarted);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const confirmSignOut = () =>
    modal.confirm({
      title: s.signOutConfirmTitle,
      okText: s.signOutOk,
      cancelText: s.cancel,
      icon: <LogoutOutlined aria-hidden />,
      onOk: signOut,
    });

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.title}
      </Typography.Title>
      <Card size="small" title={t.account}>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'name',
              label: t.loginName,
              children: (
                <Flex vertical>
                  <span>{me.username}</span>
                  {v?.phoneMasked && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmt(t.phoneLogin, { phone: v.phoneMasked })}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            { key: 'lang', label: t.language, children: <LocaleSwitch /> },
          ]}
        />
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          <Button icon={<KeyOutlined aria-hidden />} onClick={() => setPwOpen(true)}>
            {t.changePassword}
          </Button>
          <Button icon={<LogoutOutlined aria-hidden />} onClick={confirmSignOut} data-testid="m-sign-out">
            {t.signOut}
          </Button>
        </Flex>
      </Card>
      {v && (
        <Card size="small" title={t.myData}>
          <Typography.Paragraph type="secondary">{t.myDataBody}</Typography.Paragraph>
          <Flex gap={8} wrap>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={busy === 'json'}
              onClick={() => void download('json')}
            >
              {t.exportJson}
            </Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={busy === 'xlsx'}
              onClick={() => void download('xlsx')}
            >
              {t.exportXlsx}
            </Button>
          </Flex>
        </Card>
      )}
      <Card size="small" title={t.organizations}>
        <Typography.Paragraph type="secondary">{t.organizationsBody}</Typography.Paragraph>
        <Flex gap={8} wrap>
          <Button icon={<ApartmentOutlined aria-hidden />} onClick={() => navigate('/my-organizations')}>
            {t.toOrganizations}
          </Button>
          {me.isStaff && <Button onClick={() => navigate('/regions')}>{t.toConsole}</Button>}
        </Flex>
      </Card>
      {v && (
        <Card
          size="small"
          title={<Typography.Text type="danger">{t.dangerZone}</Typography.Text>}
          style={{ borderColor: '#ffccc7' }}
        >
          <Typography.Paragraph type="secondary">{t.closeBody}</Typography.Paragraph>
          <Button danger onClick={() => setClosing(true)} data-testid="close-account">
            {t.closeButton}
          </Button>
        </Card>
      )}
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
      <CloseAccountModal open={closing} onClose={() => setClosing(false)} />
    </Flex>
  );
}

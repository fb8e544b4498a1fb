import { useState } from 'react';
import { Alert, App, Button, Checkbox, Flex, Input, Modal, Popconfirm, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { forgetAllButMe, ME_KEY } from '../../lib/query.ts';
import { accountMessages } from './account.messages.ts';
import { closeAccount } from './api.ts';

/** Account closure: the consequences spelt out, the password, an explicit acknowledgement, a last check. */
export function CloseAccountModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useMessages(accountMessages);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [password, setPassword] = useState('');
  const [ack, setAck] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reset = () => {
    setPassword('');
    setAck(false);
    setError(null);
  };
  const close = useMutation({
    mutationFn: () => closeAccount(password),
    onMutate: () => setError(null),
    onSuccess: () => {
      reset();
      onClose();
      navigate('/login', { replace: true });
      forgetAllButMe(qc);
      qc.setQueryData(ME_KEY, null);
      void message.success(t.closed);
    },
    onError: (e) => setError(e.message),
  });

  return (
    <Modal
      open={open}
      title={
        <span>
          <WarningOutlined aria-hidden style={{ color: '#cf1322' }} /> {t.closeTitle}
        </span>
      }
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={null}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Alert
          type="error"
          showIcon
          title={t.closeWarning}
          description={
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
              {t.closeItems.split('|').map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          }
        />
        <Typography.Text type="secondary">{t.exportHint}</Typography.Text>
        <label htmlFor="close-password">
          <Typography.Text strong>{t.closePassword}</Typography.Text>
        </label>
        <Input.Password
          id="close-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
        />
        <Checkbox checked={ack} onChange={(e) => setAck(e.target.checked)} data-testid="close-ack">
          {t.closeAck}
        </Checkbox>
        {error && <Alert type="error" showIcon title={error} role="alert" />}
        <Flex justify="flex-end" gap={8}>
          <Button
            onClick={() => {
              reset();
              onClose();
            }}
          >
            {t.cancel}
          </Button>
          <Popconfirm
            title={t.closeConfirm}
            okText={t.closeOk}
            cancelText={t.cancel}
            okButtonProps={{ danger: true, loading: close.isPending }}
            onConfirm={() => close.mutateAsync().catch(() => undefined)}
            disabled={!ack || !password}
          >
            <Button danger type="primary" disabled={!ack || !password} data-testid="close-submit">
              {t.closeOk}
            </Button>
          </Popconfirm>
        </Flex>
      </Flex>
    </Modal>
  );
}

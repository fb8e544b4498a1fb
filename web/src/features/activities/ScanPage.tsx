import { useState } from 'react';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { LoginOutlined, LogoutOutlined, ScanOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { MY_SIGNUPS_KEY, scanCheck, type CheckKind, type DevicePosition } from './api.ts';
import { CheckResultView } from './CheckResultView.tsx';
import { getPosition } from './geo.ts';
import { parseToken } from './qr.ts';
import { QrScanner } from './QrScanner.tsx';
import { scanMessages } from './scan.messages.ts';
import { TokenInput } from './TokenInput.tsx';

/** The position, if the device gives one (it asks the first time); the server says when it is required. */
async function tryPosition(): Promise<DevicePosition | undefined> {
  try {
    return await getPosition(true);
  } catch {
    return undefined;
  }
}

/**
 * /m/scan — check in or out with the organizer's QR code: from ?t= (the phone's camera app opened the link),
 * the camera here, or the code typed by hand.
 */
export default function ScanPage() {
  const t = useMessages(scanMessages);
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get('t');
  const [token, setToken] = useState<string | null>(() => (fromUrl ? parseToken(fromUrl) : null));
  const [locating, setLocating] = useState(false);
  const m = useMutation({
    mutationFn: async ({ kind, code }: { kind: CheckKind; code: string }) => {
      setLocating(true);
      const position = await tryPosition().finally(() => setLocating(false));
      return { result: await scanCheck(kind, code, position), noPosition: !position };
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: MY_SIGNUPS_KEY }),
  });
  const again = () => {
    m.reset();
    setToken(null);
    if (fromUrl) setParams({}, { replace: true });
  };
  const busy = m.isPending;
  const kind = m.variables?.kind;

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.title}
      </Typography.Title>
      {m.data && kind ? (
        <Card size="small">
          <CheckResultView kind={kind} r={m.data.result} noPosition={m.data.noPosition} onAgain={again} />
        </Card>
      ) : token ? (
        <Card size="small" title={t.tokenReady} data-testid="scan-ready">
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">{t.chooseAction}</Typography.Text>
            <Flex gap={12}>
              {(['in', 'out'] as const).map((k) => (
                <Button
                  key={k}
                  type={k === 'in' ? 'primary' : 'default'}
                  size="large"
                  block
                  icon={k === 'in' ? <LoginOutlined aria-hidden /> : <LogoutOutlined aria-hidden />}
                  loading={busy && kind === k}
                  disabled={busy && kind !== k}
                  onClick={() => m.mutate({ kind: k, code: token })}
                  data-testid={k === 'in' ? 'check-in' : 'check-out'}
                  style={{ height: 56, fontSize: 18 }}
                >
                  {k === 'in' ? t.checkIn : t.checkOut}
                </Button>
              ))}
            </Flex>
            {locating && <Typography.Text type="secondary">{t.locating}</Typography.Text>}
            {m.isError && (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={t.failed}
                description={m.error.message}
                data-testid="scan-error"
              />
            )}
            <Button
              type="link"
              icon={<ScanOutlined aria-hidden />}
              onClick={again}
              style={{ alignSelf: 'center' }}
            >
              {t.rescan}
            </Button>
          </Flex>
        </Card>
      ) : (
        <>
          <Typography.Text type="secondary">{t.intro}</Typography.Text>
          {fromUrl && <Alert type="error" showIcon title={t.invalid} />}
          <QrScanner onToken={setToken} />
          <Card size="small">
            <TokenInput onToken={setToken} />
          </Card>
        </>
      )}
    </Flex>
  );
}

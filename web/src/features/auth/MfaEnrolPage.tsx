import { Alert, Button, Divider, Flex, Skeleton, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { ME_KEY } from '../../lib/query.ts';
import { enableTotp, setupTotp } from './api.ts';
import { AuthCard } from './AuthCard.tsx';
import { CodeForm } from './CodeForm.tsx';
import { authMessages } from './messages.ts';
import { useSignOut } from './session.ts';

const SETUP_KEY = ['totp-setup'] as const;

/** First sign-in of a staff member: scan (or type) the secret, then confirm it with a first code. */
export default function MfaEnrolPage() {
  const t = useMessages(authMessages);
  const qc = useQueryClient();
  const signOut = useSignOut();
  // A query, not an effect: one setup call per visit even when React mounts twice.
  const setup = useQuery({ queryKey: SETUP_KEY, queryFn: setupTotp, staleTime: Infinity, retry: false });

  const done = async () => {
    qc.removeQueries({ queryKey: SETUP_KEY });
    await qc.invalidateQueries({ queryKey: ME_KEY });
  };

  return (
    <AuthCard title={t.enrolTitle} width={460}>
      <Typography.Paragraph>{t.enrolIntro}</Typography.Paragraph>
      {setup.isPending && <Skeleton.Node active style={{ width: 200, height: 200, margin: '0 auto' }} />}
      {setup.isError && <Alert type="error" showIcon title={setup.error.message} role="alert" />}
      {setup.data && (
        <Flex vertical align="center" gap={8}>
          <img
            src={setup.data.qrDataUrl}
            alt={t.qrAlt}
            width={200}
            height={200}
            style={{ imageRendering: 'pixelated', border: '1px solid #f0f0f0', borderRadius: 8 }}
          />
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {t.enrolManual}
          </Typography.Text>
          <Typography.Text
            code
            copyable={{ text: setup.data.secret }}
            data-testid="totp-secret"
            data-secret={setup.data.secret}
            aria-label={t.secretLabel}
            style={{ fontSize: 15, letterSpacing: 1, textAlign: 'center' }}
          >
            {setup.data.secret.replace(/(.{4})(?=.)/g, '$1 ')}
          </Typography.Text>
        </Flex>
      )}
      <Divider style={{ margin: '20px 0' }} />
      {setup.data && <CodeForm submit={enableTotp} onDone={done} label={t.enable} />}
      <Button type="link" block onClick={signOut} style={{ marginTop: 8 }}>
        {t.useOtherAccount}
      </Button>
    </AuthCard>
  );
}

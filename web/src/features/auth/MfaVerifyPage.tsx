import { Button, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { ME_KEY } from '../../lib/query.ts';
import { verifyTotp } from './api.ts';
import { AuthCard } from './AuthCard.tsx';
import { CodeForm } from './CodeForm.tsx';
import { authMessages } from './messages.ts';
import { useSignOut } from './session.ts';

/** Second factor for an enrolled staff member, once per session. */
export default function MfaVerifyPage() {
  const t = useMessages(authMessages);
  const qc = useQueryClient();
  const signOut = useSignOut();
  return (
    <AuthCard title={t.verifyTitle}>
      <Typography.Paragraph>{t.verifyIntro}</Typography.Paragraph>
      <CodeForm
        submit={verifyTotp}
        onDone={() => qc.invalidateQueries({ queryKey: ME_KEY })}
        label={t.confirm}
      />
      <Button type="link" block onClick={signOut} style={{ marginTop: 8 }}>
        {t.useOtherAccount}
      </Button>
    </AuthCard>
  );
}

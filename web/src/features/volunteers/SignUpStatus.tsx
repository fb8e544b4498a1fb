import { Alert, Button, Flex } from 'antd';
import { useNavigate } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import type { VolunteerView } from './api.ts';
import { volunteerMessages } from './messages.ts';

/** Whether the volunteer may sign up for activities, and what to do about each reason if not. */
export function SignUpStatus({ v }: { v: VolunteerView }) {
  const t = useMessages(volunteerMessages);
  const navigate = useNavigate();
  if (v.canSignUp) return <Alert type="success" showIcon title={t.canSignUp} data-testid="can-sign-up" />;
  return (
    <Alert
      type="warning"
      showIcon
      title={t.cannotSignUp}
      data-testid="cannot-sign-up"
      description={
        <Flex vertical gap={8} style={{ marginTop: 4 }}>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {v.signUpBlockers.map((b) => (
              <li key={b}>{t[b]}</li>
            ))}
          </ul>
          <Flex gap={8} wrap>
            {v.signUpBlockers.includes('real_name_unverified') && (
              <Button size="small" type="primary" onClick={() => navigate('/m/verify')}>
                {t.goVerify}
              </Button>
            )}
            {v.signUpBlockers.includes('guardian_consent_required') && (
              <Button size="small" onClick={() => navigate('/m/profile/edit#guardian')}>
                {t.addGuardian}
              </Button>
            )}
          </Flex>
        </Flex>
      }
    />
  );
}

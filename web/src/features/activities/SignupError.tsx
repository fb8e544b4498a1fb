import { Alert, Button } from 'antd';
import { useNavigate } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import type { Text } from '@yiqi/shared/i18n';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { activityMessages } from './messages.ts';

/** Where a refusal can be fixed: the profile page for each reason that has one. */
const FIXES: Record<
  string,
  { to: string; label: 'goVerify' | 'addGuardian' | 'editProfile' | 'toProfile' | 'goTraining' }
> = {
  SIGNUP_UNVERIFIED: { to: '/m/verify', label: 'goVerify' },
  QUALIFICATION_REQUIRED: { to: '/m/training', label: 'goTraining' },
  SIGNUP_GUARDIAN_CONSENT: { to: '/m/profile/edit#guardian', label: 'addGuardian' },
  SIGNUP_REQUIREMENTS: { to: '/m/profile/edit', label: 'editProfile' },
  VOLUNTEER_REQUIRED: { to: '/m/profile', label: 'toProfile' },
};

/**
 * A refused sign-up: the API's message, what is missing when it says, and a way to fix it. A position that
 * requires a qualification the volunteer lacks is named in words (`qualification`: the position's), with
 * the way to training.
 */
export function SignupError({ error, qualification }: { error: Error; qualification?: Text | null }) {
  const t = useMessages(activityMessages);
  const text = useText();
  const navigate = useNavigate();
  const code = isApiError(error) ? error.code : '';
  const details = isApiError(error) ? (error.details as { missing?: unknown } | undefined) : undefined;
  const missing = Array.isArray(details?.missing) ? details.missing.map(String) : [];
  const fix = FIXES[code];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="signup-error"
      title={
        code === 'QUALIFICATION_REQUIRED' && qualification
          ? fmt(t.qualificationRefused, { q: text(qualification) })
          : error.message
      }
      description={missing.length ? missing.join('、') : undefined}
      action={
        fix && (
          <Button size="small" onClick={() => navigate(fix.to)}>
            {t[fix.label]}
          </Button>
        )
      }
    />
  );
}

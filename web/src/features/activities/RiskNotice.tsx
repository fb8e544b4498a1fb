import { Alert, Typography } from 'antd';
import { RISK_LEVEL_NAMES } from '@yiqi/shared/contracts/activities';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import type { ActivityDetail } from './api.ts';
import { activityMessages } from './messages.ts';

type Risky = Pick<ActivityDetail, 'riskLevel' | 'physicalRisk' | 'riskText'>;

/** Whether applicants must be told of a risk before they sign up. */
export const hasRisk = (a: Risky): boolean => a.riskLevel !== 'none' || a.physicalRisk || Boolean(a.riskText);

/** The activity's risks, in full and in red or amber, where nobody can miss them. */
export function RiskNotice({ a }: { a: Risky }) {
  const t = useMessages(activityMessages);
  const text = useText();
  if (!hasRisk(a)) return null;
  const severe = a.riskLevel === 'high' || a.physicalRisk;
  return (
    <Alert
      type={severe ? 'error' : 'warning'}
      showIcon
      data-testid="risk-notice"
      title={<strong>{fmt(t.riskTitle, { level: text(RISK_LEVEL_NAMES[a.riskLevel]) })}</strong>}
      description={
        <>
          {a.riskText && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {a.riskText}
            </Typography.Paragraph>
          )}
          {a.physicalRisk && (
            <Typography.Paragraph strong style={{ margin: a.riskText ? '6px 0 0' : 0 }}>
              {t.physicalRisk}
            </Typography.Paragraph>
          )}
        </>
      }
    />
  );
}

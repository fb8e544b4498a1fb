import { Alert, Button, Descriptions, Flex, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import type { CheckKind, CheckResult } from './api.ts';
import { minute, timeRange } from './format.ts';
import { scanMessages } from './scan.messages.ts';

/** What a check-in or check-out recorded (or that it was there already), and whether it awaits review. */
export function CheckResultView({
  kind,
  r,
  noPosition,
  onAgain,
}: {
  kind: CheckKind;
  r: CheckResult;
  noPosition: boolean;
  onAgain: () => void;
}) {
  const t = useMessages(scanMessages);
  const navigate = useNavigate();
  const title = r.repeated
    ? kind === 'in'
      ? t.repeatedIn
      : t.repeatedOut
    : kind === 'in'
      ? t.resultIn
      : t.resultOut;
  const status =
    r.reviewStatus === 'rejected' ? 'error' : r.reviewStatus === 'review' ? 'warning' : 'success';
  return (
    <Result
      status={status}
      title={<span data-testid="check-result">{title}</span>}
      style={{ padding: '16px 0' }}
      subTitle={
        r.reviewStatus === 'review' ? t.review : r.reviewStatus === 'rejected' ? t.rejected : undefined
      }
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'a', label: t.activity, children: r.activityTitle },
          { key: 'p', label: t.position, children: r.positionName },
          { key: 's', label: t.shift, children: timeRange(r.shiftStartsAt, r.shiftEndsAt) },
          { key: 'in', label: t.checkInAt, children: minute(r.checkInAt) },
          ...(r.checkOutAt ? [{ key: 'out', label: t.checkOutAt, children: minute(r.checkOutAt) }] : []),
        ]}
      />
      {kind === 'in' && !r.checkOutAt && (
        <Alert type="info" showIcon title={t.checkoutHint} style={{ marginTop: 12 }} />
      )}
      {noPosition && <Alert type="warning" showIcon title={t.noPosition} style={{ marginTop: 12 }} />}
      <Flex gap={8} justify="center" wrap style={{ marginTop: 16 }}>
        <Button onClick={() => navigate('/m/my-activities')}>{t.toMine}</Button>
        <Button type="primary" onClick={onAgain}>
          {t.rescan}
        </Button>
      </Flex>
    </Result>
  );
}

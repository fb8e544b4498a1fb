import { useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Flex, Input, Modal, Result } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import {
  ACTIVITIES_KEY,
  activityKey,
  MY_SIGNUPS_KEY,
  signUp,
  type ActivityDetail,
  type PositionView,
  type ShiftView,
  type SignupResult,
} from './api.ts';
import { timeRange } from './format.ts';
import { activityMessages } from './messages.ts';
import { hasRisk, RiskNotice } from './RiskNotice.tsx';
import { SignupError } from './SignupError.tsx';

export interface SignupTarget {
  position: PositionView;
  shift: ShiftView;
}

/** What came of a sign-up: in, waiting for the organizer, or on the waitlist (and where). */
function Outcome({ r, onClose }: { r: SignupResult; onClose: () => void }) {
  const t = useMessages(activityMessages);
  const navigate = useNavigate();
  const [title, body, status] =
    r.status === 'accepted'
      ? [t.resultAccepted, t.resultAcceptedBody, 'success' as const]
      : r.status === 'waitlisted'
        ? [t.resultWaitlisted, fmt(t.resultWaitlistedBody, { n: r.waitlistPosition ?? '?' }), 'info' as const]
        : [t.resultPending, t.resultPendingBody, 'info' as const];
  return (
    <Result
      status={status}
      title={<span data-testid="signup-result">{title}</span>}
      subTitle={<span data-testid="signup-result-detail">{body}</span>}
      style={{ padding: '16px 0 0' }}
      extra={[
        <Button key="mine" onClick={() => navigate('/m/my-activities')}>
          {t.toMine}
        </Button>,
        <Button key="ok" type="primary" onClick={onClose}>
          {t.done}
        </Button>,
      ]}
    />
  );
}

/** Signing up for one shift: the risks (to be acknowledged), the invitation code if needed, then the outcome. */
export function SignupModal({
  a,
  target,
  onClose,
}: {
  a: ActivityDetail;
  target: SignupTarget;
  onClose: () => void;
}) {
  const t = useMessages(activityMessages);
  const qc = useQueryClient();
  const [ack, setAck] = useState(false);
  const [code, setCode] = useState('');
  const { position, shift } = target;
  const risky = hasRisk(a);
  const needsCode = a.recruitMode === 'code';
  const full = shift.taken >= shift.quota;
  const m = useMutation({
    mutationFn: () => signUp(shift.id, needsCode ? code.trim() : undefined),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: activityKey(a.id) });
      void qc.invalidateQueries({ queryKey: ACTIVITIES_KEY });
      void qc.invalidateQueries({ queryKey: MY_SIGNUPS_KEY });
    },
  });
  const ready = (!risky || ack) && (!needsCode || code.trim() !== '');

  return (
    <Modal
      open
      title={m.data ? null : t.confirmTitle}
      onCancel={onClose}
      footer={
        m.data
          ? null
          : [
              <Button key="cancel" onClick={onClose}>
                {t.cancel}
              </Button>,
              <Button
                key="ok"
                type="primary"
                disabled={!ready}
                loading={m.isPending}
                onClick={() => m.mutate()}
                data-testid="confirm-sign-up"
              >
                {full ? t.joinWaitlist : t.confirmOk}
              </Button>,
            ]
      }
    >
      {m.data ? (
        <Outcome r={m.data} onClose={onClose} />
      ) : (
        <Flex vertical gap={12}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'a', label: t.activity, children: a.title },
              { key: 'p', label: t.position, children: position.name },
              { key: 's', label: t.shift, children: timeRange(shift.startsAt, shift.endsAt) },
            ]}
          />
          <RiskNotice a={a} />
          {risky && (
            <Checkbox checked={ack} onChange={(e) => setAck(e.target.checked)} data-testid="risk-ack">
              {t.riskAck}
            </Checkbox>
          )}
          {full && <Alert type="info" showIcon title={t.waitlistNote} />}
          {position.needsApproval && <Alert type="info" showIcon title={t.approvalNote} />}
          {needsCode && (
            <Flex vertical gap={4}>
              <label htmlFor="invite-code">{t.inviteCodeHint}</label>
              <Input
                id="invite-code"
                value={code}
                maxLength={32}
                autoComplete="off"
                placeholder={t.inviteCode}
                onChange={(e) => setCode(e.target.value)}
                onPressEnter={() => ready && m.mutate()}
              />
            </Flex>
          )}
          {m.isError && <SignupError error={m.error} qualification={position.requiredQualificationName} />}
        </Flex>
      )}
    </Modal>
  );
}

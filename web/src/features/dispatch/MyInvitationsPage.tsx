import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Input, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { formatTime } from '../../lib/format.ts';
import { ApiError } from '../../lib/api.ts';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { answerInvitation, getMyInvitations, type MyInvitationViewT } from './api.ts';
import { dispatchMessages } from './messages.ts';

const COLOR = { invited: 'processing', accepted: 'success', declined: 'default' } as const;

/**
 * /m/orders/invitations — the volunteer's invitations to serve a resident's order. Only they answer: accept,
 * or decline with an optional reason. Nobody is assigned.
 */
export default function MyInvitationsPage() {
  const t = useMessages(dispatchMessages);
  const q = useQuery({ queryKey: ['my-invitations'], queryFn: ({ signal }) => getMyInvitations(signal) });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t.myInvitations}
      </Typography.Title>
      <Typography.Text type="secondary">{t.invitationHint}</Typography.Text>
      {q.isPending ? (
        <Spin aria-busy="true" style={{ display: 'block', margin: '32px auto' }} />
      ) : q.data.items.length === 0 ? (
        <Empty description={t.noMyInvitations} />
      ) : (
        q.data.items.map((i) => <InvitationCard key={i.id} i={i} />)
      )}
    </Flex>
  );
}

function InvitationCard({ i }: { i: MyInvitationViewT }) {
  const t = useMessages(dispatchMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const m = useMutation({
    mutationFn: (accept: boolean) =>
      answerInvitation(i.id, accept ? { decision: 'accept' } : { decision: 'decline', reason }),
    onSuccess: (data) => qc.setQueryData(['my-invitations'], data),
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Card size="small" data-testid="invitation">
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="baseline" gap={8}>
          <Typography.Text strong>{i.item}</Typography.Text>
          <Tag color={COLOR[i.status]}>{t[`invitationStatus_${i.status}`]}</Tag>
        </Flex>
        {i.scope && <Typography.Text>{i.scope}</Typography.Text>}
        <Typography.Text type="secondary">
          {i.regionName} · {formatTime(i.preferredAt)}
          {i.team ? ` · ${i.team}` : ''}
        </Typography.Text>
        {i.declineReason && (
          <Typography.Text type="secondary">
            {t.reason}：{i.declineReason}
          </Typography.Text>
        )}
        {i.status === 'invited' && !i.open && (
          <Typography.Text type="secondary">{t.closedOrder}</Typography.Text>
        )}
        {i.status === 'invited' && (
          <>
            {declining && (
              <Input
                placeholder={t.invitationReason}
                aria-label={t.invitationReason}
                maxLength={200}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
            <Flex gap={8}>
              {i.open && !declining && (
                <Button
                  type="primary"
                  className="yiqi-touch"
                  loading={m.isPending}
                  onClick={() => m.mutate(true)}
                >
                  {t.acceptInvitation}
                </Button>
              )}
              <Button
                className="yiqi-touch"
                loading={m.isPending && declining}
                onClick={() => (declining ? m.mutate(false) : setDeclining(true))}
              >
                {t.declineInvitation}
              </Button>
            </Flex>
          </>
        )}
      </Flex>
    </Card>
  );
}

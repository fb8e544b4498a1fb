import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Spin,
  Tabs,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { formatTime } from '../../lib/format.ts';
import { ApiError } from '../../lib/api.ts';
import { PageTitle } from '../common/PageTitle.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { claimOrder, getContact, getGrab, getTeamOrders, teamAction, type OrderViewT } from './api.ts';
import { StateTag } from './cells.tsx';
import { dispatchMessages } from './messages.ts';
import { PhotosPick } from './PhotosPick.tsx';
import { OrderPhotos } from './OrderExtras.tsx';
import { TeamOrderService } from './TeamOrderService.tsx';
import { MyTeamSelect, useMyTeams } from './OfferParts.tsx';
import { getTeamOrder } from './serviceApi.ts';
import { serviceMessages } from './service.messages.ts';

/** /dispatch/team — a team's orders: accept or decline what was offered, claim open ones, complete with a report. */
export default function TeamInboxPage() {
  const t = useMessages(dispatchMessages);
  const { mine, orgId, setOrgId } = useMyTeams();
  const inbox = useQuery({
    queryKey: ['dispatch-team', orgId],
    queryFn: ({ signal }) => getTeamOrders(orgId!, signal),
    enabled: Boolean(orgId),
  });
  const grab = useQuery({
    queryKey: ['dispatch-grab', orgId],
    queryFn: ({ signal }) => getGrab(orgId!, signal),
    enabled: Boolean(orgId),
  });
  const list = (q: typeof inbox, grabbing: boolean) =>
    q.isError ? (
      <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
    ) : q.isPending ? (
      <Spin aria-busy="true" style={{ display: 'block', margin: '32px auto' }} />
    ) : q.data.items.length === 0 ? (
      <Empty description={t.empty} />
    ) : (
      <Flex vertical gap={12}>
        {q.data.items.map((o) => (
          <TeamOrderCard key={o.id} o={o} orgId={orgId!} grabbing={grabbing} />
        ))}
      </Flex>
    );
  return (
    <>
      <PageTitle
        title={t.teamInbox}
        extra={<MyTeamSelect mine={mine} value={orgId} onChange={setOrgId} label={t.chooseTeam} />}
      />
      <Typography.Paragraph type="secondary">{t.teamInboxHint}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'inbox', label: `${t.inbox}（${inbox.data?.total ?? 0}）`, children: list(inbox, false) },
          { key: 'grab', label: `${t.grab}（${grab.data?.total ?? 0}）`, children: list(grab, true) },
        ]}
      />
    </>
  );
}

function TeamOrderCard({ o, orgId, grabbing }: { o: OrderViewT; orgId: string; grabbing: boolean }) {
  const t = useMessages(dispatchMessages);
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<'decline' | 'complete' | null>(null);
  const [form] = Form.useForm();
  const [photos, setPhotos] = useState<string[]>([]);
  const s = useMessages(serviceMessages);
  // The same query as the card's service box (shared cache): served through an activity, the hours come
  // from its check-ins, so the completion asks for no minutes (the server refuses them).
  const detail = useQuery({
    queryKey: ['dispatch-team-order', o.id],
    queryFn: ({ signal }) => getTeamOrder(o.id, signal),
    enabled: o.state === 'accepted',
  });
  const viaActivity = (detail.data?.activities ?? []).some(
    (a) => a.team.id === orgId && a.status !== 'cancelled',
  );
  const done = () => {
    void message.success(t.saved);
    setDialog(null);
    void qc.invalidateQueries({ queryKey: ['dispatch-team', orgId] });
    void qc.invalidateQueries({ queryKey: ['dispatch-grab', orgId] });
  };
  const fail = (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e));
  const act = useMutation({
    mutationFn: (a: { action: 'accept' | 'decline' | 'complete' | 'claim'; body?: unknown }) =>
      a.action === 'claim' ? claimOrder(o.id, orgId) : teamAction(o.id, a.action, a.body),
    onSuccess: () => {
      setPhotos([]);
      done();
    },
    onError: fail,
  });
  const contact = useMutation({
    mutationFn: () => getContact(o.id),
    onSuccess: (c) =>
      modal.info({
        title: t.contact,
        content: (
          <>
            {c.residentName && <div>{c.residentName}</div>}
            <div>{c.phone}</div>
            <div>{c.address}</div>
          </>
        ),
      }),
    onError: fail,
  });
  return (
    <Card size="small" title={o.item.title} extra={<StateTag state={o.state} />}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{o.description}</Typography.Paragraph>
      <Typography.Text type="secondary">
        {o.regionName} · {o.addressMasked} · {t.preferredAt} {formatTime(o.preferredAt)}
      </Typography.Text>
      {o.scope && <Typography.Paragraph style={{ margin: '4px 0' }}>{o.scope}</Typography.Paragraph>}
      {/* What the resident photographed (and the report's): the team that was offered or serves the order
          sees them through its own audited route; an order open to grab is not yet the team's. */}
      {!grabbing && <OrderPhotos o={o} team />}
      {/* 开设服务活动 and the order's progress: the serving team's own view of the order. */}
      {!grabbing && <TeamOrderService o={o} orgId={orgId} />}
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        {grabbing && (
          <Button type="primary" loading={act.isPending} onClick={() => act.mutate({ action: 'claim' })}>
            {t.claim}
          </Button>
        )}
        {!grabbing && o.state === 'offered' && (
          <>
            <Button type="primary" loading={act.isPending} onClick={() => act.mutate({ action: 'accept' })}>
              {t.accept}
            </Button>
            <Button onClick={() => setDialog('decline')}>{t.decline}</Button>
          </>
        )}
        {!grabbing && o.state === 'accepted' && (
          <>
            <Button type="primary" onClick={() => setDialog('complete')}>
              {t.complete}
            </Button>
            <Button loading={contact.isPending} onClick={() => contact.mutate()}>
              {t.contact}
            </Button>
          </>
        )}
      </Flex>
      <Modal
        open={dialog !== null}
        title={dialog === 'decline' ? t.decline : t.complete}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v: { reason?: string; report?: string; minutes?: number }) =>
            dialog === 'decline'
              ? act.mutate({ action: 'decline', body: { reason: v.reason } })
              : act.mutate({
                  action: 'complete',
                  body: {
                    report: v.report,
                    ...(v.minutes && !viaActivity ? { minutes: v.minutes } : {}),
                    photos: photos.map((data) => ({ data })),
                  },
                })
          }
        >
          {dialog === 'decline' ? (
            <Form.Item
              name="reason"
              label={t.declineReason}
              rules={[{ required: true, message: t.noteRequired }]}
            >
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                name="report"
                label={t.reportLabel}
                rules={[{ required: true, message: t.noteRequired }]}
              >
                <Input.TextArea rows={4} maxLength={4000} />
              </Form.Item>
              {viaActivity ? (
                <Typography.Paragraph type="secondary" data-testid="complete-hours-via-activity">
                  {s.hoursViaActivity}
                </Typography.Paragraph>
              ) : (
                <Form.Item name="minutes" label={t.minutes}>
                  <InputNumber min={1} max={1440} />
                </Form.Item>
              )}
              <PhotosPick value={photos} onChange={setPhotos} testId="report-photos" />
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}

import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Spin,
  Tag,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { Dayjs } from 'dayjs';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { formatTime } from '../../lib/format.ts';
import { ApiError } from '../../lib/api.ts';
import { PageTitle } from '../common/PageTitle.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import SuggestionsPanel from './SuggestionsPanel.tsx';
import { FollowUpCard, InvitationsCard, OrderPhotos } from './OrderExtras.tsx';
import { inviteVolunteers } from './api.ts';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { getBoard, getOrder, orderAction, type OrderDetailT } from './api.ts';
import { OrderTimeline } from './OrderTimeline.tsx';
import { ServiceActivities } from './TeamOrderService.tsx';
import { StateTag } from './cells.tsx';
import { dispatchMessages } from './messages.ts';
import { fromPicker } from '../../lib/china-time.ts';
import { isInSubtree, type RegionLevel } from '@yiqi/shared/regions';

/** /dispatch/orders/:id — one order for the unit holding it: details, review, work order, dispatch, timeline. */
/** States in which a work order can still take volunteers (server: invitations.service TAKING). */
const TAKING = ['ready', 'offered', 'open', 'accepted'];

export default function OrderPage() {
  const { id = '' } = useParams();
  const t = useMessages(dispatchMessages);
  const q = useQuery({ queryKey: ['dispatch-order', id], queryFn: ({ signal }) => getOrder(id, signal) });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Spin aria-busy="true" style={{ display: 'block', margin: '48px auto' }} />;
  const o = q.data;
  return (
    <>
      <PageTitle title={`${t.orderDetail}：${o.item.title}`} extra={<StateTag state={o.state} />} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card size="small" title={t.resident}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t.description} span={2}>
                  {o.description}
                </Descriptions.Item>
                <Descriptions.Item label={t.community}>{o.regionName}</Descriptions.Item>
                <Descriptions.Item label={t.address}>{o.addressMasked}</Descriptions.Item>
                <Descriptions.Item label={t.phone}>{o.phoneMasked}</Descriptions.Item>
                <Descriptions.Item label={t.preferredAt}>{formatTime(o.preferredAt)}</Descriptions.Item>
                <Descriptions.Item label={t.holder}>{o.holder.name}</Descriptions.Item>
                {o.offeredByUnit && (
                  <Descriptions.Item label={t.offeredByVillage}>{o.offeredByUnit.name}</Descriptions.Item>
                )}
                {o.team && <Descriptions.Item label={t.team}>{o.team.name}</Descriptions.Item>}
                {o.dueAt && (
                  <Descriptions.Item label={t.stageDue}>
                    {formatTime(o.dueAt)} {o.overdue && <Tag color="red">{t.overdue}</Tag>}
                  </Descriptions.Item>
                )}
                {o.proxy && <Descriptions.Item label={t.proxy}>{o.consentNote}</Descriptions.Item>}
                {o.rating && (
                  <Descriptions.Item label={t.residentRating}>
                    {'★'.repeat(o.rating.score)} {o.rating.comment}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            {o.scope && (
              <Card size="small" title={t.workOrder}>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t.scope}>{o.scope}</Descriptions.Item>
                  <Descriptions.Item label={t.skills}>{o.skills.join('、') || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t.peopleNeeded}>{o.peopleNeeded}</Descriptions.Item>
                  <Descriptions.Item label={t.deadline}>
                    {o.deadline && formatTime(o.deadline)}
                  </Descriptions.Item>
                  {o.report && <Descriptions.Item label={t.report}>{o.report}</Descriptions.Item>}
                </Descriptions>
              </Card>
            )}
            <ServiceActivities o={o} />
            <OrderPhotos o={o} />
            <FollowUpCard o={o} />
            <Actions o={o} />
            {TAKING.includes(o.state) && <InvitationsCard id={o.id} />}
            {/* 派单建议 for the work order: its place, skills and time (features/dispatch/SuggestionsPanel);
                its volunteers can be invited once it is a work order (never assigned). */}
            {(o.state === 'review' || TAKING.includes(o.state)) && (
              <SuggestionsPanel
                {...(o.state !== 'review'
                  ? { onInvite: (vid: string) => inviteVolunteers(o.id, [vid]) }
                  : {})}
                need={{
                  regionCode: o.regionCode,
                  ...(o.lat !== null && o.lng !== null ? { point: { lat: o.lat, lng: o.lng } } : {}),
                  skills: o.skills,
                  startsAt: o.preferredAt,
                  // A window, not an instant: until the deadline, else the two hours from the preferred time.
                  endsAt:
                    o.deadline && o.deadline > o.preferredAt
                      ? o.deadline
                      : new Date(new Date(o.preferredAt).getTime() + 2 * 3_600_000).toISOString(),
                }}
              />
            )}
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t.timeline}>
            <OrderTimeline timeline={o.timeline} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

type Dialog = 'reject' | 'merge' | 'work' | 'dispatch' | 'redispatch' | null;

function Actions({ o }: { o: OrderDetailT }) {
  const t = useMessages(dispatchMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const m = useMutation({
    mutationFn: ({ action, body }: { action: string; body: unknown }) => orderAction(o.id, action, body),
    onSuccess: () => {
      void message.success(t.saved);
      setDialog(null);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['dispatch-order', o.id] });
      void qc.invalidateQueries({ queryKey: ['dispatch-board'] });
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  // Exactly the teams the server accepts for a directive: the item's (an inherited item's too).
  const teams = o.itemTeams;
  // A village's offer (村供单): its station is offered first while it is below the holder.
  const station =
    o.offeredByUnit &&
    o.offeredByUnit.level > o.holder.level &&
    isInSubtree(o.offeredByUnit.code, o.holder.code, o.holder.level as RegionLevel)
      ? o.offeredByUnit
      : null;
  // 合并重复: the orders the same unit still handles (the server refuses any other target).
  const board = useQuery({
    queryKey: ['dispatch-board', o.holder.code],
    queryFn: ({ signal }) => getBoard({ region: o.holder.code }, signal),
    enabled: dialog === 'merge',
  });
  const open = !['completed', 'rejected', 'merged', 'cancelled'].includes(o.state);
  const targets = (board.data?.items ?? []).filter(
    (x) =>
      x.id !== o.id &&
      x.holder.code === o.holder.code &&
      !['completed', 'rejected', 'merged', 'cancelled'].includes(x.state),
  );
  if (!open) return null;
  const submit = (values: Record<string, unknown>) => {
    if (dialog === 'reject') m.mutate({ action: 'reject', body: { reason: values.reason } });
    if (dialog === 'redispatch') m.mutate({ action: 'redispatch', body: { note: values.note } });
    if (dialog === 'merge') m.mutate({ action: 'merge', body: { intoId: values.intoId } });
    if (dialog === 'work')
      m.mutate({
        action: 'work-order',
        body: {
          scope: values.scope,
          skills: String(values.skills ?? '')
            .split(/[,，、\s]+/)
            .filter(Boolean),
          peopleNeeded: values.peopleNeeded,
          deadline: fromPicker(values.deadline as Dayjs),
        },
      });
    if (dialog === 'dispatch')
      m.mutate({
        action: 'dispatch',
        body:
          values.to === 'station'
            ? { to: 'unit', region: station!.code, note: values.note ?? '' }
            : values.to === 'unit'
              ? { to: 'unit', region: values.region, note: values.note ?? '' }
              : values.to === 'team'
                ? { to: 'team', orgId: values.orgId, note: values.note ?? '' }
                : { to: 'grab', note: values.note ?? '' },
      });
  };
  const title = {
    reject: t.reject,
    merge: t.merge,
    work: t.makeWorkOrder,
    dispatch: t.dispatch,
    redispatch: t.redispatch,
  }[dialog ?? 'reject'];
  return (
    <Card size="small">
      <Flex gap={8} wrap>
        {o.state === 'review' && (
          <>
            <Button type="primary" onClick={() => setDialog('work')}>
              {t.makeWorkOrder}
            </Button>
            <Button onClick={() => setDialog('merge')}>{t.merge}</Button>
            <Button danger onClick={() => setDialog('reject')}>
              {t.reject}
            </Button>
          </>
        )}
        {o.state === 'ready' && (
          <Button type="primary" onClick={() => setDialog('dispatch')}>
            {t.dispatch}
          </Button>
        )}
        {['offered', 'open', 'accepted'].includes(o.state) && (
          <Button onClick={() => setDialog('redispatch')}>{t.redispatch}</Button>
        )}
        <Popconfirm
          title={t.cancelConfirm}
          description={<Input id="cancel-note" placeholder={t.reason} />}
          onConfirm={() =>
            m.mutate({
              action: 'cancel',
              body: {
                note: (document.getElementById('cancel-note') as HTMLInputElement | null)?.value ?? '',
              },
            })
          }
        >
          <Button danger type="text">
            {t.cancel}
          </Button>
        </Popconfirm>
      </Flex>
      <Modal
        open={dialog !== null}
        title={title}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        confirmLoading={m.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ to: station ? 'station' : 'team', peopleNeeded: 1 }}
        >
          {dialog === 'reject' && (
            <Form.Item
              name="reason"
              label={t.rejectReason}
              rules={[{ required: true, message: t.noteRequired }]}
            >
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          )}
          {dialog === 'merge' && (
            <Form.Item
              name="intoId"
              label={t.mergeInto}
              extra={t.mergeHint}
              rules={[{ required: true, message: t.mergeRequired }]}
            >
              <Select
                loading={board.isPending}
                notFoundContent={t.noMergeTarget}
                options={targets.map((x) => ({
                  value: x.id,
                  label: `${x.item.title}：${x.description.slice(0, 24)} · ${formatTime(x.createdAt).slice(0, 16)}`,
                }))}
              />
            </Form.Item>
          )}
          {dialog === 'redispatch' && (
            <Form.Item name="note" label={t.reason} rules={[{ required: true, message: t.noteRequired }]}>
              <Input maxLength={500} />
            </Form.Item>
          )}
          {dialog === 'work' && (
            <>
              <Form.Item name="scope" label={t.scope} rules={[{ required: true }]}>
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
              <Form.Item name="skills" label={t.skills}>
                <Input placeholder="陪伴、代购" />
              </Form.Item>
              <Form.Item name="peopleNeeded" label={t.peopleNeeded} rules={[{ required: true }]}>
                <InputNumber min={1} max={1000} />
              </Form.Item>
              <Form.Item name="deadline" label={t.deadline} rules={[{ required: true }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
            </>
          )}
          {dialog === 'dispatch' && (
            <>
              <Form.Item name="to" label={t.dispatchTo}>
                <Radio.Group
                  options={[
                    ...(station
                      ? [{ value: 'station', label: fmt(t.toStation, { name: station.name }) }]
                      : []),
                    { value: 'team', label: t.toTeam },
                    { value: 'unit', label: t.toUnit },
                    { value: 'grab', label: t.toGrab },
                  ]}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.to !== b.to}>
                {({ getFieldValue }) =>
                  getFieldValue('to') === 'station' ? (
                    <Alert
                      type="info"
                      showIcon
                      title={fmt(t.stationHint, { name: station?.name ?? '' })}
                      style={{ marginBottom: 16 }}
                    />
                  ) : getFieldValue('to') === 'team' ? (
                    <Form.Item
                      name="orgId"
                      label={t.team}
                      extra={teams.length === 0 ? t.noItemTeams : undefined}
                      rules={[{ required: true }]}
                    >
                      <Select options={teams.map((x) => ({ value: x.id, label: x.name }))} />
                    </Form.Item>
                  ) : getFieldValue('to') === 'unit' ? (
                    <Form.Item name="region" label={t.unit} rules={[{ required: true }]}>
                      <RegionPicker minLevel={Math.min(5, o.holder.level + 1)} />
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
              <Form.Item name="note" label={t.note}>
                <Input maxLength={500} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}

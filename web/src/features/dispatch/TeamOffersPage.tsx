import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatTime } from '../../lib/format.ts';
import { useMessages } from '../../lib/i18n.tsx';
import { PageTitle } from '../common/PageTitle.tsx';
import { PagedCards } from '../common/PagedCards.tsx';
import { useModalSubmit } from '../common/useModalSubmit.ts';
import { useCurrentUser } from '../auth/session.ts';
import { statusTag } from './menuCells.tsx';
import { getTeamOffers, makeOffer } from './menuApi.ts';
import { menuMessages } from './menuMessages.ts';

const PAGE_SIZE = 10;

interface OfferFields {
  region: string;
  category: string;
  title: string;
  description: string;
}

/**
 * /dispatch/offers — 供单: a team offers a service it can deliver to its station, post or centre, and
 * follows its offers (waiting, approved: on the menu, refused: with the unit's reason).
 */
export default function TeamOffersPage() {
  const t = useMessages(menuMessages);
  const me = useCurrentUser();
  const mine = me.roles.filter((r) => r.role === 'org_admin' && r.scopeType === 'organization');
  const [orgId, setOrgId] = useState(mine[0]?.scopeId);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['dispatch-team-offers', orgId, page],
    queryFn: ({ signal }) => getTeamOffers(orgId!, page, PAGE_SIZE, signal),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const units = q.data?.units ?? [];
  return (
    <>
      <PageTitle
        title={t.offerTitle}
        extra={
          mine.length > 1 && (
            <Select
              aria-label={t.chooseTeam}
              style={{ minWidth: 220, maxWidth: '100%' }}
              value={orgId}
              onChange={(v) => {
                setOrgId(v);
                setPage(1);
              }}
              options={mine.map((r) => ({ value: r.scopeId, label: r.scopeName }))}
            />
          )
        }
      />
      <Typography.Paragraph type="secondary">{t.offerHint}</Typography.Paragraph>
      {q.data && units.length === 0 ? (
        <Alert type="info" showIcon title={t.noOfferUnits} style={{ marginBottom: 12 }} />
      ) : (
        <Button type="primary" disabled={!q.data} onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
          {t.newOffer}
        </Button>
      )}
      <Typography.Title level={5}>{t.myOffers}</Typography.Title>
      <PagedCards
        query={q}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={<Empty description={t.noMyOffers} />}
        card={(i) => (
          <Card size="small" title={i.title} extra={statusTag(t, i.status)} data-testid="my-offer">
            <Typography.Text type="secondary">
              {i.category} · {t.offeredTo}：{i.unitName} · {t.offeredAt}：{formatTime(i.createdAt)}
            </Typography.Text>
            <Typography.Paragraph style={{ margin: '4px 0 0' }}>{i.description}</Typography.Paragraph>
            {i.decisionReason && (
              <Alert
                type="warning"
                showIcon
                title={`${t.reason}：${i.decisionReason}`}
                style={{ marginTop: 8 }}
              />
            )}
          </Card>
        )}
      />
      {orgId && (
        <OfferDialog
          open={open}
          orgId={orgId}
          units={units}
          onClose={() => setOpen(false)}
          onSent={() => {
            void message.success(t.offerSent);
            setPage(1);
            void qc.invalidateQueries({ queryKey: ['dispatch-team-offers', orgId] });
          }}
        />
      )}
    </>
  );
}

function OfferDialog({
  open,
  orgId,
  units,
  onClose,
  onSent,
}: {
  open: boolean;
  orgId: string;
  units: { code: string; name: string }[];
  onClose: () => void;
  onSent: () => void;
}) {
  const t = useMessages(menuMessages);
  const [form] = Form.useForm<OfferFields>();
  const { busy, error, run } = useModalSubmit(open, onClose);
  return (
    <Modal
      open={open}
      title={t.newOffer}
      okText={t.newOffer}
      cancelText={t.cancel}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<OfferFields>
        form={form}
        name="offer"
        layout="vertical"
        preserve={false}
        initialValues={{ region: units[0]?.code }}
        onFinish={(v) =>
          void run(async () => {
            await makeOffer({ orgId, ...v, category: v.category.trim(), title: v.title.trim() });
            onSent();
          })
        }
      >
        <Form.Item name="region" label={t.offerTo} rules={[{ required: true, message: t.required }]}>
          <Select options={units.map((u) => ({ value: u.code, label: u.name }))} />
        </Form.Item>
        <Form.Item
          name="category"
          label={t.category}
          extra={t.categoryHint}
          rules={[{ required: true, whitespace: true, max: 40, message: t.required }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t.itemTitle}
          rules={[{ required: true, whitespace: true, max: 80, message: t.required }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t.description}
          extra={t.descriptionHint}
          rules={[{ required: true, whitespace: true, max: 2000, message: t.required }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}

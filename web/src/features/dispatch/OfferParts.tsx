import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatTime } from '../../lib/format.ts';
import { useMessages } from '../../lib/i18n.tsx';
import { PagedCards } from '../common/PagedCards.tsx';
import { useModalSubmit } from '../common/useModalSubmit.ts';
import { useCurrentUser } from '../auth/session.ts';
import type { MenuItemViewT } from './api.ts';
import type { TeamOffersViewT } from '@yiqi/shared/contracts/dispatch';
import { statusTag } from './menuCells.tsx';
import { menuMessages } from './menuMessages.ts';
import { TeamsPicker } from './TeamsPicker.tsx';
import { ItemTextFields } from './ItemTextFields.tsx';

/**
 * The pieces of an offerer's 供单 page, shared by a team's (/dispatch/offers) and a village station's
 * (the 本村供单 tab of /dispatch/menu): the offer form, and the offers made with their outcome.
 */

const PAGE_SIZE = 10;

export interface OfferFields {
  /** The unit asked (centre, post or station). */
  region: string;
  category: string;
  title: string;
  description: string;
  teamIds?: string[];
}

/** The teams the caller administers, and the one chosen (a team admin's inbox and offers pages). */
export function useMyTeams() {
  const me = useCurrentUser();
  const mine = me.roles.filter((r) => r.role === 'org_admin' && r.scopeType === 'organization');
  const [orgId, setOrgId] = useState(mine[0]?.scopeId);
  return { mine, orgId, setOrgId };
}

/** The chooser of the team a page acts for; nothing when the caller administers one team only. */
export function MyTeamSelect({
  mine,
  value,
  onChange,
  label,
}: {
  mine: { scopeId: string; scopeName: string }[];
  value: string | undefined;
  onChange: (v: string) => void;
  label: string;
}) {
  if (mine.length < 2) return null;
  return (
    <Select
      aria-label={label}
      style={{ minWidth: 220, maxWidth: '100%' }}
      value={value}
      onChange={onChange}
      options={mine.map((r) => ({ value: r.scopeId, label: r.scopeName }))}
    />
  );
}

/**
 * An offerer's offers (newest first) with the button that opens the form; `load` answers a page and the
 * units the offerer may offer to, `send` makes one. `teamsOf`: the village whose teams the form may name.
 */
export function OffersList({
  queryKey,
  load,
  send,
  noUnits,
  mineTitle,
  noneYet,
  teamsOf,
}: {
  queryKey: unknown[];
  load: (page: number, pageSize: number, signal: AbortSignal) => Promise<TeamOffersViewT>;
  send: (v: OfferFields) => Promise<unknown>;
  noUnits: string;
  mineTitle: string;
  noneYet: string;
  teamsOf?: string;
}) {
  const t = useMessages(menuMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: [...queryKey, page],
    queryFn: ({ signal }) => load(page, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
  const units = q.data?.units ?? [];
  return (
    <>
      {q.data && units.length === 0 ? (
        <Alert type="info" showIcon title={noUnits} style={{ marginBottom: 12 }} />
      ) : (
        <Button type="primary" disabled={!q.data} onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
          {t.newOffer}
        </Button>
      )}
      <Typography.Title level={5}>{mineTitle}</Typography.Title>
      <PagedCards
        query={q}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={<Empty description={noneYet} />}
        card={(i) => <OfferCard i={i} />}
      />
      <OfferDialog
        open={open}
        units={units}
        teamsOf={teamsOf}
        onClose={() => setOpen(false)}
        onSubmit={async (v) => {
          await send(v);
          void message.success(t.offerSent);
          setPage(1);
          void qc.invalidateQueries({ queryKey });
        }}
      />
    </>
  );
}

/** One offer as its offerer sees it: status, the unit asked, when, and a refusal's reason. */
function OfferCard({ i }: { i: MenuItemViewT }) {
  const t = useMessages(menuMessages);
  return (
    <Card size="small" title={i.title} extra={statusTag(t, i.status)} data-testid="my-offer">
      <Typography.Text type="secondary">
        {i.category} · {t.offeredTo}：{i.unitName} · {t.offeredAt}：{formatTime(i.createdAt)}
      </Typography.Text>
      <Typography.Paragraph style={{ margin: '4px 0 0' }}>{i.description}</Typography.Paragraph>
      {/* A village names the teams that deliver its offer; a team's own offer is delivered by itself. */}
      {i.offeredByUnit && i.teams.length > 0 && (
        <Typography.Text type="secondary">
          {t.teams}：{i.teams.map((x) => x.name).join('、')}
        </Typography.Text>
      )}
      {i.decisionReason && (
        <Alert type="warning" showIcon title={`${t.reason}：${i.decisionReason}`} style={{ marginTop: 8 }} />
      )}
    </Card>
  );
}

/** The 供单 form: the unit asked, category, title, description (and, for a village, its teams). */
function OfferDialog({
  open,
  units,
  teamsOf,
  onClose,
  onSubmit,
}: {
  open: boolean;
  units: { code: string; name: string }[];
  teamsOf?: string | undefined;
  onClose: () => void;
  onSubmit: (v: OfferFields) => Promise<void>;
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
        initialValues={{ region: units[0]?.code, teamIds: [] }}
        onFinish={(v) =>
          void run(() => onSubmit({ ...v, category: v.category.trim(), title: v.title.trim() }))
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
        <ItemTextFields />
        {teamsOf && (
          <Form.Item name="teamIds" label={t.teams} extra={t.villageTeamsHint}>
            <TeamsPicker region={teamsOf} testId="offer-teams" />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}

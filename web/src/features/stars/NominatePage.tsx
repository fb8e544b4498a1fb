import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Select,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ORGANIZATION_HONOUR_KINDS } from '@yiqi/shared/contracts/stars';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { candidatesOf, honourKeys, nominate, nominatingRounds, type OrgHonourRound } from './api.ts';
import { honourMessages } from './honours.messages.ts';
import { starMessages } from './messages.ts';

const STATUS_COLOR = { nominated: 'processing', approved: 'success', rejected: 'default' } as const;

/**
 * /honours/nominate — an organization's admin nominates in the rounds open over its region (a member for
 * volunteer honours, its team for projects, another organization for ten best teams) and follows the outcome.
 */
export default function NominatePage() {
  const t = useMessages(honourMessages);
  const s = useMessages(starMessages);
  const me = useCurrentUser();
  const orgs = me.roles.filter((r) => r.role === 'org_admin' && r.scopeType === 'organization');
  const [orgId, setOrgId] = useState(orgs[0]?.scopeId);
  const [target, setTarget] = useState<OrgHonourRound['round'] | null>(null);
  const q = useQuery({
    queryKey: honourKeys.nominating(orgId ?? ''),
    queryFn: ({ signal }) => nominatingRounds(orgId!, signal),
    enabled: orgId !== undefined,
  });
  return (
    <Flex vertical gap={12} style={{ maxWidth: 880 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t.nominateTitle}
      </Typography.Title>
      <Typography.Text type="secondary">{t.nominateIntro}</Typography.Text>
      {orgs.length > 1 && (
        <Select
          aria-label={t.organization}
          data-testid="nominate-org"
          value={orgId}
          onChange={setOrgId}
          style={{ maxWidth: 360 }}
          options={orgs.map((o) => ({ value: o.scopeId, label: o.scopeName }))}
        />
      )}
      {orgId === undefined ? (
        <Empty description={t.noOrganization} />
      ) : q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : q.data.items.length === 0 ? (
        <Empty description={t.emptyOpen} />
      ) : (
        q.data.items.map(({ round, mine }) => (
          <Card
            key={round.id}
            size="small"
            data-testid="nominate-round"
            title={
              <Flex wrap gap={8} align="center">
                <span style={{ whiteSpace: 'normal' }}>{round.title}</span>
                <Tag>{s[round.kind]}</Tag>
              </Flex>
            }
            extra={
              round.status === 'nominating' ? (
                <Button type="primary" onClick={() => setTarget(round)}>
                  {t.nominate}
                </Button>
              ) : (
                <Tag>{s.published}</Tag>
              )
            }
          >
            <Typography.Text type="secondary">
              {round.year} · {round.regionName ?? round.regionCode} ·{' '}
              {fmt(t.quotaLine, { q: round.quota, n: round.nominations, a: round.approved })}
            </Typography.Text>
            <List
              size="small"
              header={<Typography.Text strong>{t.mine}</Typography.Text>}
              locale={{ emptyText: t.noneYet }}
              dataSource={mine}
              renderItem={(n) => (
                <List.Item data-testid="my-nomination">
                  <Flex vertical style={{ width: '100%' }} gap={2}>
                    <Flex justify="space-between" gap={8} wrap>
                      <Typography.Text>
                        {n.nominee}
                        {n.volunteerNo ? ` · ${n.volunteerNo}` : ''}
                      </Typography.Text>
                      <Tag color={STATUS_COLOR[n.status]}>{s[n.status]}</Tag>
                    </Flex>
                    <Typography.Text type="secondary" ellipsis={{ tooltip: n.reason }}>
                      {n.reason}
                    </Typography.Text>
                    {n.decisionReason && (
                      <Typography.Text type="secondary">
                        {fmt(t.decision, { r: n.decisionReason })}
                      </Typography.Text>
                    )}
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        ))
      )}
      {target && orgId && <NominateDialog round={target} orgId={orgId} onClose={() => setTarget(null)} />}
    </Flex>
  );
}

function NominateDialog({
  round,
  orgId,
  onClose,
}: {
  round: OrgHonourRound['round'];
  orgId: string;
  onClose: () => void;
}) {
  const t = useMessages(honourMessages);
  const s = useMessages(starMessages);
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ nominee: string; reason: string }>();
  const [search, setSearch] = useState('');
  const forOrganizations = ORGANIZATION_HONOUR_KINDS.includes(round.kind);
  const candidates = useQuery({
    queryKey: honourKeys.candidates(round.id, orgId, search),
    queryFn: ({ signal }) => candidatesOf(round.id, orgId, search, signal),
    placeholderData: keepPreviousData,
  });
  const options = (candidates.data?.items ?? []).map((c) => ({
    value: (c.orgId ?? c.volunteerNo)!,
    label: c.volunteerNo ? `${c.name} · ${c.volunteerNo}` : c.name,
  }));
  const send = useMutation({
    mutationFn: (v: { nominee: string; reason: string }) =>
      nominate(round.id, {
        orgId,
        ...(forOrganizations ? { nomineeOrgId: v.nominee } : { volunteerNo: v.nominee }),
        reason: v.reason.trim(),
      }),
    onSuccess: () => {
      void message.success(t.submitted);
      void qc.invalidateQueries({ queryKey: honourKeys.nominating(orgId) });
      onClose();
    },
  });
  const [label, hint] =
    round.kind === 'ten_best_teams'
      ? [t.nomineeTeam, t.nomineeTeamHint]
      : round.kind === 'ten_best_projects'
        ? [t.nomineeProject, t.nomineeProjectHint]
        : [t.nomineeVolunteer, t.nomineeVolunteerHint];
  const confirm = (v: { nominee: string; reason: string }) => {
    const nominee = options.find((o) => o.value === v.nominee)?.label ?? v.nominee;
    modal.confirm({
      title: t.confirmTitle,
      content: fmt(t.confirmBody, { nominee, title: round.title }),
      okText: t.nominate,
      cancelText: s.cancel,
      // The error shows in the dialog underneath; the confirmation closes either way.
      onOk: () => send.mutateAsync(v).catch(() => undefined),
    });
  };
  return (
    <Modal
      open
      title={fmt(t.nominateFor, { title: round.title })}
      okText={t.nominate}
      cancelText={s.cancel}
      okButtonProps={{ loading: send.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {send.isError && (
        <Alert
          type="error"
          showIcon
          message={send.error.message}
          style={{ marginBottom: 12 }}
          data-testid="nominate-error"
        />
      )}
      <Form form={form} layout="vertical" onFinish={confirm}>
        <Form.Item name="nominee" label={label} extra={hint} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            loading={candidates.isFetching}
            options={options}
            notFoundContent={candidates.isFetching ? undefined : t.noCandidates}
            data-testid="nominee"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t.deeds}
          extra={t.deedsHint}
          rules={[{ required: true, whitespace: true, min: 5, max: 2000 }]}
        >
          <Input.TextArea rows={5} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

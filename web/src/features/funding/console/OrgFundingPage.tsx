import { useState } from 'react';
import { Link } from 'react-router';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { PageTitle } from '../../common/PageTitle.tsx';
import { useCurrentUser } from '../../auth/session.ts';
import {
  attach,
  attachmentUrl,
  fileBase64,
  FUNDING_KEY,
  myProposals,
  openRounds,
  report,
  submitProposal,
  withdrawProposal,
  yuan,
  type Proposal,
  type Round,
} from '../api.ts';
import { fundingMessages } from '../messages.ts';
import { PROPOSAL_COLORS } from './ProposalQueue.tsx';
import { ProposalForm } from './ProposalForm.tsx';
import { formatDay } from '../../../lib/format.ts';

/** /funding/apply (console) — an organization's admins: open rounds to apply to, our proposals, reports. */
export default function OrgFundingPage() {
  const t = useMessages(fundingMessages);
  const me = useCurrentUser();
  const orgs = me.roles.filter((r) => r.role === 'org_admin' && r.scopeType === 'organization');
  const [orgId, setOrgId] = useState(orgs[0]?.scopeId ?? '');
  const [editing, setEditing] = useState<{ round: Round | null; proposal: Proposal | null } | null>(null);
  const rounds = useQuery({
    queryKey: [...FUNDING_KEY, 'open', orgId],
    queryFn: () => openRounds(orgId),
    enabled: !!orgId,
  });
  const mine = useQuery({
    queryKey: [...FUNDING_KEY, 'mine', orgId],
    queryFn: () => myProposals(orgId),
    enabled: !!orgId,
  });
  const roundOf = (p: Proposal) => rounds.data?.items.find((r) => r.id === p.roundId) ?? null;
  return (
    <Flex vertical gap={16}>
      <PageTitle
        title={t.myFundingTitle}
        extra={
          // A foundation's admins set up the rounds it funds on the rounds page.
          <Link to="/funding">{t.foundationRounds}</Link>
        }
      />
      {orgs.length > 1 && (
        <Select
          value={orgId}
          onChange={setOrgId}
          aria-label={t.chooseOrg}
          style={{ maxWidth: 360 }}
          options={orgs.map((o) => ({ value: o.scopeId, label: o.scopeName }))}
        />
      )}
      <Typography.Title level={4}>{t.openRounds}</Typography.Title>
      {(rounds.data?.items ?? []).length === 0 && <Empty description={t.empty} />}
      <Flex gap={12} wrap>
        {(rounds.data?.items ?? []).map((r) => (
          <Card key={r.id} size="small" title={r.name} style={{ width: 320, maxWidth: '100%' }}>
            <Flex vertical gap={4}>
              <span>
                {r.regionName} · {r.year}
              </span>
              {r.funderName && (
                <span>
                  {t.funder}：{r.funderName}
                </span>
              )}
              <span>
                {t.window}：{formatDay(r.opensAt)} – {formatDay(r.closesAt)}
              </span>
              <Flex gap={4} wrap>
                {r.tiers.map((x) => (
                  <Tag key={x.id}>
                    {x.name} ≤ {yuan(x.capFen)}
                  </Tag>
                ))}
              </Flex>
              <Button type="primary" onClick={() => setEditing({ round: r, proposal: null })}>
                {t.apply}
              </Button>
            </Flex>
          </Card>
        ))}
      </Flex>
      <Typography.Title level={4}>{t.myProposals}</Typography.Title>
      {(mine.data?.items ?? []).length === 0 && <Empty description={t.empty} />}
      {(mine.data?.items ?? []).map((p) => (
        <MyProposal key={p.id} p={p} onEdit={() => setEditing({ round: roundOf(p), proposal: p })} />
      ))}
      <ProposalForm
        round={editing?.round ?? null}
        orgId={orgId}
        proposal={editing?.proposal ?? null}
        open={!!editing}
        onClose={() => setEditing(null)}
      />
    </Flex>
  );
}

function MyProposal({ p, onEdit }: { p: Proposal; onEdit: () => void }) {
  const t = useMessages(fundingMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [text, setText] = useState<Record<string, string>>({});
  const done = () => {
    void qc.invalidateQueries({ queryKey: FUNDING_KEY });
    void message.success(t.done);
  };
  const onError = (e: Error) => void message.error(e.message);
  const submit = useMutation({ mutationFn: () => submitProposal(p.id), onSuccess: done, onError });
  const withdraw = useMutation({ mutationFn: () => withdrawProposal(p.id), onSuccess: done, onError });
  const upload = useMutation({
    mutationFn: async (file: File) => attach(p.id, file.name, await fileBase64(file)),
    onSuccess: done,
    onError,
  });
  const send = useMutation({
    mutationFn: (milestoneId: string) => report(milestoneId, text[milestoneId] ?? '', []),
    onSuccess: done,
    onError,
  });
  const editable = p.state === 'draft' || p.state === 'returned';
  return (
    <Card
      size="small"
      title={p.title}
      extra={<Tag color={PROPOSAL_COLORS[p.state]}>{t[`ps_${p.state}`]}</Tag>}
    >
      <Flex vertical gap={6}>
        <Typography.Text type="secondary">
          {p.roundName} · {p.tierName} · {fmt(t.budgetTotal, { amount: yuan(p.budgetFen) })}
        </Typography.Text>
        {p.state === 'returned' && p.reviewReason && (
          <Typography.Text type="danger">{p.reviewReason}</Typography.Text>
        )}
        {p.award && (
          <Tag color="gold">
            {fmt(t.awarded, { amount: yuan(p.award.amountFen), tier: p.award.tierName })}
          </Tag>
        )}
        <Flex gap={8} wrap>
          {p.attachments.map((a) => (
            <a key={a.id} href={attachmentUrl(p.id, a.id)} target="_blank" rel="noreferrer">
              {a.name}
            </a>
          ))}
        </Flex>
        {editable && (
          <Space wrap>
            <Button onClick={onEdit}>{t.edit}</Button>
            <Upload
              accept="application/pdf,image/jpeg,image/png,image/webp"
              showUploadList={false}
              beforeUpload={(file) => (upload.mutate(file), false)}
            >
              <Button icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>
                {t.upload}
              </Button>
            </Upload>
            <Button type="primary" onClick={() => submit.mutate()} loading={submit.isPending}>
              {t.submit}
            </Button>
          </Space>
        )}
        {(editable || p.state === 'submitted') && (
          <Popconfirm title={t.withdrawConfirm} onConfirm={() => withdraw.mutate()}>
            <Button danger size="small" style={{ alignSelf: 'start' }}>
              {t.withdraw}
            </Button>
          </Popconfirm>
        )}
        {p.milestones.map((m) => (
          <Card key={m.id} size="small" type="inner" title={`${m.title} · ${t.dueOn} ${m.dueOn}`}>
            <Typography.Text>{m.deliverable}</Typography.Text>
            {m.reports.map((r) => (
              <div key={r.id}>
                <Tag>{t[`rs_${r.state}`]}</Tag> {r.text}{' '}
                {r.reason && <Typography.Text type="danger">{r.reason}</Typography.Text>}
              </div>
            ))}
            <Space.Compact style={{ width: '100%', marginTop: 6 }}>
              <Input
                value={text[m.id] ?? ''}
                onChange={(e) => setText({ ...text, [m.id]: e.target.value })}
                placeholder={t.reportText}
                aria-label={t.reportText}
              />
              <Button onClick={() => send.mutate(m.id)} disabled={!text[m.id]?.trim()}>
                {t.submitReport}
              </Button>
            </Space.Compact>
          </Card>
        ))}
      </Flex>
    </Card>
  );
}

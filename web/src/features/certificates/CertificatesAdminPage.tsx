import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Segmented, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import {
  CERTIFICATE_STATUSES,
  CERTIFICATE_STATUS_NAMES,
  type CertificateStatus,
} from '@yiqi/shared/contracts/certificates';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { QueryTable } from '../common/PagedTable.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { commonMessages } from '../common/messages.ts';
import { PageTitle } from '../common/PageTitle.tsx';
import { ReasonModal } from '../common/ReasonModal.tsx';
import { SelfDecisionHint, useIsMine } from '../common/SelfDecision.tsx';
import { OrgPicker } from '../organizations/OrgPicker.tsx';
import {
  downloadOrgCertificate,
  keys,
  listOrgCertificates,
  listRegionCertificates,
  rejectCertificate,
  revokeCertificate,
  type CertificateView,
} from './api.ts';
import { certificateAdminMessages } from './admin.messages.ts';
import { IssueModal } from './IssueModal.tsx';
import { certificateMessages } from './messages.ts';
import { regionQueueMessages } from './region.messages.ts';
import { SealCard } from './SealCard.tsx';
import { useCounts, useScopeText } from './tags.tsx';

/**
 * /certificates?org=…&status=… — 证明出具: the organization's request queue (issue, or reject with a
 * reason), issued certificates (download to print and stamp, revoke with a reason), and its seal.
 * Region admins also have /certificates?queue=region: what the region issues itself for dissolved units
 * that left no successor or superior.
 */
export default function CertificatesAdminPage() {
  const t = useMessages(certificateAdminMessages);
  const rq = useMessages(regionQueueMessages);
  const m = useMessages(certificateMessages);
  const c = useMessages(commonMessages);
  const text = useText();
  const scopeText = useScopeText();
  const counts = useCounts();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const mine = me.roles.filter((r) => r.role === 'org_admin' && r.scopeType === 'organization');
  const regional = me.roles.some((r) => r.role === 'region_admin');
  const queue = regional && params.get('queue') === 'region';
  const org = queue ? undefined : (params.get('org') ?? mine[0]?.scopeId);
  const raw = params.get('status');
  const status: CertificateStatus = (CERTIFICATE_STATUSES as readonly string[]).includes(raw ?? '')
    ? (raw as CertificateStatus)
    : 'requested';
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || 20;
  const [issuing, setIssuing] = useState<CertificateView | null>(null);
  const [rejecting, setRejecting] = useState<CertificateView | null>(null);
  const [revoking, setRevoking] = useState<CertificateView | null>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  const q = useQuery({
    queryKey: [...(queue ? keys.region : keys.org(org ?? '')), { status, page, pageSize }],
    queryFn: ({ signal }) =>
      queue
        ? listRegionCertificates({ status, page, pageSize }, signal)
        : listOrgCertificates(org!, { status, page, pageSize }, signal),
    enabled: queue || Boolean(org),
    placeholderData: keepPreviousData,
  });
  const go = (next: Record<string, string | undefined>) => {
    const merged = {
      org,
      queue: queue ? 'region' : undefined,
      status,
      page: undefined,
      size: params.get('size') ?? undefined,
      ...next,
    };
    setParams(
      new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => Boolean(e[1]))),
    );
  };
  const refresh = () => void qc.invalidateQueries({ queryKey: queue ? keys.region : keys.org(org ?? '') });
  const download = async (r: CertificateView) => {
    setDownloading(r.id);
    try {
      await downloadOrgCertificate(r);
      void message.success(m.downloaded);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setDownloading(null);
    }
  };

  const isMine = useIsMine();
  const actionsColumn: ColumnsType<CertificateView>[number] = {
    title: c.actions,
    key: 'actions',
    render: (_, r) =>
      r.status === 'requested' ? (
        <Space wrap size={4}>
          <SelfDecisionHint mine={isMine(r.volunteerNo)} code="CERTIFICATE_SELF_ISSUE">
            <Button
              size="small"
              type="primary"
              disabled={isMine(r.volunteerNo)}
              onClick={() => setIssuing(r)}
              data-testid="issue-certificate"
            >
              {t.issue}
            </Button>
          </SelfDecisionHint>
          <Button size="small" danger onClick={() => setRejecting(r)}>
            {t.reject}
          </Button>
        </Space>
      ) : r.status === 'issued' ? (
        <Space wrap size={4}>
          <Button
            size="small"
            icon={<DownloadOutlined aria-hidden />}
            loading={downloading === r.id}
            onClick={() => void download(r)}
          >
            {m.download}
          </Button>
          <Link to={`/verify/${r.number}`} target="_blank">
            <Button size="small">{m.checkPage}</Button>
          </Link>
          <Button size="small" danger onClick={() => setRevoking(r)}>
            {t.revoke}
          </Button>
        </Space>
      ) : null,
  };

  const columns: ColumnsType<CertificateView> = [
    {
      title: t.volunteer,
      key: 'volunteer',
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.volunteerName ?? '—'}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.volunteerNo}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(status !== 'requested'
      ? [{ title: m.number, dataIndex: 'number', key: 'number', render: (n: string | null) => n ?? '—' }]
      : []),
    {
      title: t.covers,
      key: 'covers',
      render: (_, r) => (
        <Flex vertical>
          <span>{scopeText(r)}</span>
          {r.recordingOrgDissolved && (
            <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="original-unit">
              {m.originalUnit}
              {m.colon}
              {fmt(m.dissolvedUnit, { name: r.originalUnitName ?? r.recordingOrgName })}
            </Typography.Text>
          )}
          {r.purpose && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.purpose}
              {m.colon}
              {r.purpose}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: status === 'requested' ? t.recordsNow : t.certified,
      key: 'hours',
      render: (_, r) => counts.recordsHours(r.recordCount, r.totalHours),
    },
    status === 'requested'
      ? {
          title: m.requestedAt,
          dataIndex: 'requestedAt',
          key: 'at',
          responsive: ['md'],
          render: (at: string) => formatTime(at),
        }
      : {
          title: m.issueDate,
          key: 'issued',
          responsive: ['md'],
          render: (_, r) => (
            <Flex vertical>
              <span>{r.issueDate ?? '—'}</span>
              {r.handlerName && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.handler}
                  {m.colon}
                  {r.handlerName}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
    ...(status === 'rejected' || status === 'revoked'
      ? [
          {
            title: status === 'rejected' ? m.rejectReason : m.revokeReason,
            key: 'reason',
            render: (_: unknown, r: CertificateView) => {
              const at = r.revokedAt ?? r.rejectedAt;
              return (
                <Flex vertical>
                  <span>{r.rejectReason ?? r.revokeReason}</span>
                  {at && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(at)}
                    </Typography.Text>
                  )}
                </Flex>
              );
            },
          },
        ]
      : []),
    ...(status === 'requested' || status === 'issued' ? [actionsColumn] : []),
  ];

  if (!org && !regional) return <Empty description={t.noOrgs} />;
  return (
    <Flex vertical gap={16}>
      <PageTitle title={t.title} />
      <Typography.Text type="secondary">{t.intro}</Typography.Text>
      <Card>
        <Flex vertical gap={12}>
          {regional && (
            <Segmented<'org' | 'region'>
              value={queue ? 'region' : 'org'}
              onChange={(v) => go({ queue: v === 'region' ? 'region' : undefined, org: undefined })}
              options={[
                { value: 'org', label: rq.byOrg },
                { value: 'region', label: rq.regionQueue },
              ]}
              style={{ alignSelf: 'flex-start' }}
              data-testid="certificate-queue"
            />
          )}
          {queue ? (
            <Typography.Text type="secondary">{rq.regionQueueHint}</Typography.Text>
          ) : (
            <Flex align="center" gap={12} wrap>
              <label htmlFor="certificate-org">
                <Typography.Text strong>{t.org}</Typography.Text>
              </label>
              <OrgPicker
                id="certificate-org"
                value={org}
                onChange={(id) => go({ org: id })}
                placeholder={regional ? t.searchOrg : t.chooseOrg}
              />
            </Flex>
          )}
        </Flex>
      </Card>
      {!org && !queue ? (
        <Empty description={t.chooseOrg} />
      ) : (
        <>
          <Card>
            <Flex vertical gap={12}>
              <Segmented<CertificateStatus>
                value={status}
                onChange={(s) => go({ status: s })}
                options={CERTIFICATE_STATUSES.map((s) => ({
                  value: s,
                  label: text(CERTIFICATE_STATUS_NAMES[s]),
                }))}
                style={{ alignSelf: 'flex-start' }}
              />
              <QueryTable
                query={q}
                columns={columns}
                page={page}
                pageSize={pageSize}
                onPage={(p, s) => go({ page: String(p), size: String(s) })}
                empty={t.empty}
              />
            </Flex>
          </Card>
          {org && <SealCard orgId={org} />}
        </>
      )}
      <IssueModal
        c={issuing}
        onIssued={(r) => {
          void message.success(fmt(t.issued, { number: r.number ?? '' }));
          refresh();
        }}
        onClose={() => setIssuing(null)}
      />
      <ReasonModal
        open={Boolean(rejecting)}
        title={fmt(t.rejectTitle, { name: rejecting?.volunteerName ?? rejecting?.volunteerNo ?? '' })}
        label={t.rejectReason}
        hint={t.rejectHint}
        requiredMessage={t.reasonRequired}
        okText={t.reject}
        min={2}
        onSubmit={async (reason) => {
          await rejectCertificate(rejecting!.id, reason);
          void message.success(t.rejected);
          refresh();
        }}
        onClose={() => setRejecting(null)}
      />
      <ReasonModal
        open={Boolean(revoking)}
        title={fmt(t.revokeTitle, { number: revoking?.number ?? '' })}
        label={t.rejectReason}
        hint={t.revokeHint}
        requiredMessage={t.reasonRequired}
        okText={t.revoke}
        min={2}
        onSubmit={async (reason) => {
          await revokeCertificate(revoking!.id, reason);
          void message.success(t.revoked);
          refresh();
        }}
        onClose={() => setRevoking(null)}
      />
    </Flex>
  );
}

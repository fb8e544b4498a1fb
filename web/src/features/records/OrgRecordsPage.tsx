import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Tabs, Typography } from 'antd';
import { ExportButton } from '../common/ExportButton.tsx';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { PageTitle } from '../common/PageTitle.tsx';
import { ReasonModal } from '../common/ReasonModal.tsx';
import { OrgPicker } from '../organizations/OrgPicker.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { decideRecord, listOrgRecords, recordKeys, type RecordQuery, type RecordView } from './api.ts';
import { BackfillDrawer } from './BackfillDrawer.tsx';
import { recordMessages } from './messages.ts';
import { OrgRecordsTable } from './OrgRecordsTable.tsx';

type View = 'overdue' | 'pending' | 'all';
const VIEWS: View[] = ['overdue', 'pending', 'all'];

/** /records?org=…&view=… — an organization's records: overdue drafts, approvals waiting, all; back-fill. */
export default function OrgRecordsPage() {
  const t = useMessages(recordMessages);
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const mine = me.roles.filter((r) => r.role === 'org_admin' && r.scopeType === 'organization');
  const regional = me.roles.some((r) => r.role === 'region_admin');
  const org = params.get('org') ?? mine[0]?.scopeId;
  const raw = params.get('view') as View | null;
  const view: View = raw && VIEWS.includes(raw) ? raw : 'overdue';
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || 50;
  const query: RecordQuery = {
    status: view === 'pending' ? 'pending' : undefined,
    overdue: view === 'overdue',
    page,
    pageSize,
  };
  const q = useQuery({
    queryKey: [...recordKeys.org(org ?? ''), query],
    queryFn: ({ signal }) => listOrgRecords(org!, query, signal),
    enabled: Boolean(org),
    placeholderData: keepPreviousData,
  });
  const [rejecting, setRejecting] = useState<RecordView | null>(null);
  const [backfill, setBackfill] = useState(false);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['records'] });
  const approve = useMutation({
    mutationFn: (r: RecordView) => decideRecord(r.id, 'approve'),
    onSuccess: () => {
      void message.success(t.approved);
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  const go = (next: Record<string, string | undefined>) => {
    const merged = { org, view, size: params.get('size') ?? undefined, ...next };
    setParams(
      new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => Boolean(e[1]))),
    );
  };
  const hint = view === 'overdue' ? t.overdueHint : view === 'pending' ? t.pendingHint : null;

  if (!org && !regional) return <Empty description={t.noOrgs} />;
  return (
    <Flex vertical gap={16}>
      <PageTitle
        title={t.title}
        extra={
          <Flex gap={8}>
            {org && (
              <ExportButton
                path={`/api/organizations/${org}/records/export.xlsx`}
                fileName="service-records.xlsx"
              />
            )}
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              disabled={!org}
              onClick={() => setBackfill(true)}
              data-testid="backfill"
            >
              {t.backfill}
            </Button>
          </Flex>
        }
      />
      <Card>
        <Flex align="center" gap={12} wrap>
          <label htmlFor="records-org">
            <Typography.Text strong>{t.org}</Typography.Text>
          </label>
          <OrgPicker
            id="records-org"
            value={org}
            onChange={(id) => go({ org: id })}
            placeholder={regional ? t.searchOrg : t.chooseOrg}
          />
        </Flex>
      </Card>
      {!org ? (
        <Empty description={t.chooseOrg} />
      ) : (
        <Card>
          <Tabs
            activeKey={view}
            onChange={(v) => go({ view: v, page: undefined })}
            items={[
              { key: 'overdue', label: t.tabOverdue },
              { key: 'pending', label: t.tabPending },
              { key: 'all', label: t.tabAll },
            ]}
            style={{ marginTop: -8 }}
          />
          {q.isError ? (
            <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
          ) : (
            <Flex vertical gap={12}>
              {hint && <Alert type={view === 'overdue' ? 'warning' : 'info'} showIcon title={hint} />}
              <OrgRecordsTable
                data={q.data}
                loading={q.isFetching}
                busy={approve.isPending ? approve.variables.id : undefined}
                onApprove={(r) => approve.mutate(r)}
                onReject={setRejecting}
                onPage={(p, s) => go({ page: String(p), size: String(s) })}
              />
            </Flex>
          )}
        </Card>
      )}
      <ReasonModal
        open={rejecting !== null}
        title={t.rejectTitle}
        label={t.rejectReason}
        hint={t.rejectHint}
        requiredMessage={t.rejectReasonRequired}
        okText={t.reject}
        min={2}
        onSubmit={async (reason) => {
          await decideRecord(rejecting!.id, 'reject', reason);
          void message.success(t.rejected);
          refresh();
        }}
        onClose={() => setRejecting(null)}
      />
      {org && (
        <BackfillDrawer
          orgId={org}
          open={backfill}
          onClose={() => setBackfill(false)}
          onDone={() => {
            void message.success(t.submitted);
            go({ view: 'pending', page: undefined });
            refresh();
          }}
        />
      )}
    </Flex>
  );
}

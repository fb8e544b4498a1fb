import { Button, Card, Empty, Flex, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { ACTIVITY_STATUSES, ACTIVITY_STATUS_NAMES } from '@yiqi/shared/contracts/activities';
import { useMessages, useText } from '../../../lib/i18n.tsx';
import { useCurrentUser } from '../../auth/session.ts';
import { PageTitle } from '../../common/PageTitle.tsx';
import { OrgPicker } from '../../organizations/OrgPicker.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { ActivityTable } from './ActivityTable.tsx';
import { keys, listOrgActivities, type ActivityStatus } from './api.ts';
import { activityMessages } from './messages.ts';

/** /activities?org=…&status=… — a team's activities, drafts included; the way to publish a new one. */
export default function ActivityListPage() {
  const t = useMessages(activityMessages);
  const text = useText();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const mine = me.roles.filter((r) => r.role === 'org_admin' && r.scopeType === 'organization');
  const regional = me.roles.some((r) => r.role === 'region_admin');
  const org = params.get('org') ?? mine[0]?.scopeId;
  const raw = params.get('status');
  const status = (ACTIVITY_STATUSES as readonly string[]).includes(raw ?? '')
    ? (raw as ActivityStatus)
    : undefined;
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || 20;
  const q = useQuery({
    queryKey: [...keys.org(org ?? ''), { status, page, pageSize }],
    queryFn: ({ signal }) => listOrgActivities(org!, { status, page, pageSize }, signal),
    enabled: Boolean(org),
    placeholderData: keepPreviousData,
  });
  const go = (next: Record<string, string | undefined>) => {
    const merged = { org, status, page: undefined, size: params.get('size') ?? undefined, ...next };
    setParams(
      new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => Boolean(e[1]))),
    );
  };

  if (!org && !regional) return <Empty description={t.noOrgs} />;
  return (
    <Flex vertical gap={16}>
      <PageTitle
        title={t.listTitle}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            disabled={!org}
            onClick={() => navigate(`/activities/new?org=${org}`)}
            data-testid="new-activity"
          >
            {t.newActivity}
          </Button>
        }
      />
      <Card>
        <Flex align="center" gap={12} wrap>
          <label htmlFor="activity-org">
            <Typography.Text strong>{t.org}</Typography.Text>
          </label>
          <OrgPicker
            id="activity-org"
            value={org}
            onChange={(id) => go({ org: id, status: undefined })}
            placeholder={regional ? t.searchOrg : t.chooseOrg}
          />
          <label htmlFor="activity-status">
            <Typography.Text strong>{t.status}</Typography.Text>
          </label>
          <Select
            id="activity-status"
            value={status ?? ''}
            onChange={(s: string) => go({ status: s || undefined })}
            options={[
              { value: '', label: t.allStatuses },
              ...ACTIVITY_STATUSES.map((s) => ({ value: s, label: text(ACTIVITY_STATUS_NAMES[s]) })),
            ]}
            style={{ width: 140 }}
          />
        </Flex>
      </Card>
      {!org ? (
        <Empty description={t.chooseOrg} />
      ) : (
        <Card>
          {q.isError ? (
            <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
          ) : (
            <ActivityTable
              data={q.data}
              loading={q.isFetching}
              onPage={(p, s) => go({ page: String(p), size: String(s) })}
            />
          )}
        </Card>
      )}
    </Flex>
  );
}

import type { ReactNode } from 'react';
import { Button, Flex, Result, Skeleton, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ERRORS } from '@yiqi/shared/errors';
import { isApiError } from '../../../lib/api.ts';
import { useLocale, useMessages } from '../../../lib/i18n.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { getManagedActivity, keys, type ActivityDetail } from './api.ts';
import { activityMessages } from './messages.ts';
import { ActivityStatusTag } from './tags.tsx';

export type ActivityTab = 'overview' | 'signups' | 'attendance' | 'records' | 'qr';

/** The organizer's view of one activity, shared by its pages (one request, cached). */
export function useManagedActivity(id: string) {
  return useQuery({
    queryKey: keys.detail(id),
    queryFn: ({ signal }) => getManagedActivity(id, signal),
  });
}

/**
 * Loads the activity and renders the page with it, or the loading / not found / error state instead.
 */
export function WithActivity({ id, children }: { id: string; children: (a: ActivityDetail) => ReactNode }) {
  const { locale } = useLocale();
  const q = useManagedActivity(id);
  if (q.isError)
    return isApiError(q.error, 'NOT_FOUND') || isApiError(q.error, 'VALIDATION_FAILED') ? (
      <Result status="404" title={ERRORS.NOT_FOUND.text[locale]} />
    ) : (
      <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
    );
  if (!q.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  return children(q.data);
}

/** Heading of an activity's pages: back to the list, title and status, actions, and the page tabs. */
export function ActivityNav({
  activity,
  current,
  extra,
}: {
  activity: ActivityDetail;
  current: ActivityTab;
  extra?: ReactNode;
}) {
  const t = useMessages(activityMessages);
  const navigate = useNavigate();
  const base = `/activities/${activity.id}`;
  const paths: Record<ActivityTab, string> = {
    overview: base,
    signups: `${base}/signups`,
    attendance: `${base}/attendance`,
    records: `${base}/records`,
    qr: `${base}/qr`,
  };
  return (
    <Flex vertical gap={4}>
      <Flex align="center" gap={8} wrap>
        <Button
          type="text"
          icon={<ArrowLeftOutlined aria-hidden />}
          aria-label={t.backToList}
          title={t.backToList}
          onClick={() => navigate(`/activities?org=${activity.orgId}`)}
        />
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="activity-title">
          {activity.title}
        </Typography.Title>
        <ActivityStatusTag status={activity.status} />
        <Typography.Text type="secondary">{activity.orgName}</Typography.Text>
        <div style={{ flex: 1 }} />
        {extra}
      </Flex>
      <Tabs
        activeKey={current}
        onChange={(k) => navigate(paths[k as ActivityTab])}
        items={[
          { key: 'overview', label: t.tabOverview },
          { key: 'signups', label: t.tabSignups },
          { key: 'attendance', label: t.tabAttendance },
          { key: 'records', label: t.tabRecords },
          { key: 'qr', label: t.tabQr },
        ]}
        style={{ marginBottom: -8 }}
      />
    </Flex>
  );
}

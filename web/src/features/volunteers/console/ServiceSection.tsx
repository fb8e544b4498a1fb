import { Card, Col, Empty, Flex, List, Row, Skeleton, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { formatHours, formatMinutesAsHours } from '../../../lib/format.ts';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { MembershipRoleTag, MembershipStatusTag } from '../../memberships/tags.tsx';
import { RecordStatusTag } from '../../records/tags.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { getVolunteerService } from './api.ts';
import { staffMessages } from './messages.ts';

/** The volunteer drawer's service part: teams, hours and latest records, loaded beside the profile. */
export function ServiceSection({ id }: { id: string }) {
  const t = useMessages(staffMessages);
  const q = useQuery({
    queryKey: ['volunteer', id, 'service'],
    queryFn: ({ signal }) => getVolunteerService(id, signal),
  });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  const s = q.data;
  return (
    <Card size="small" title={t.serviceTitle} data-testid="volunteer-service">
      <Flex vertical gap={12}>
        <Row gutter={8}>
          <Col span={8}>
            <Statistic title={t.totalHours} value={formatHours(s.totals.hours)} />
          </Col>
          <Col span={8}>
            <Statistic title={t.yearHours} value={formatHours(s.totals.yearHours)} />
          </Col>
          <Col span={8}>
            <Statistic title={t.recordCount} value={s.totals.records} />
          </Col>
        </Row>
        <div>
          <Typography.Text strong>{t.teams}</Typography.Text>
          {s.teams.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noTeams} />
          ) : (
            <List
              size="small"
              dataSource={s.teams}
              renderItem={(m) => (
                <List.Item>
                  <Flex justify="space-between" align="center" gap={8} style={{ width: '100%' }}>
                    <Typography.Text ellipsis>{m.orgName}</Typography.Text>
                    <Flex gap={4}>
                      <MembershipRoleTag role={m.role} />
                      <MembershipStatusTag status={m.status} />
                    </Flex>
                  </Flex>
                </List.Item>
              )}
            />
          )}
          {s.teamsTotal > s.teams.length && (
            <Typography.Text type="secondary">
              {fmt(t.moreTeams, { n: s.teamsTotal - s.teams.length })}
            </Typography.Text>
          )}
        </div>
        <div>
          <Typography.Text strong>{t.recent}</Typography.Text>
          {s.recent.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noRecords} />
          ) : (
            <List
              size="small"
              dataSource={s.recent}
              renderItem={(r) => (
                <List.Item>
                  <Flex vertical style={{ width: '100%' }}>
                    <Flex justify="space-between" gap={8}>
                      <Typography.Text ellipsis>{r.activityTitle}</Typography.Text>
                      <RecordStatusTag status={r.status} />
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.serviceDate} · {r.orgName} ·{' '}
                      {fmt(t.hoursValue, { h: formatMinutesAsHours(r.minutes) })}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </div>
      </Flex>
    </Card>
  );
}

import { Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { myTraining, TRAINING_KEY, type MyTraining } from './api.ts';
import { ClaimForm } from './ClaimForm.tsx';
import { trainingMessages } from './messages.ts';
import { useQualificationTypes } from './useTypes.ts';
import { formatDay } from '../../lib/format.ts';

const STATE_COLOR = { valid: 'green', expiring: 'orange', expired: 'default', revoked: 'red' } as const;
const day = (d: string) => formatDay(d);

/** /m/training/mine — my qualifications with their expiry state, my training records and certificate claims. */
export default function MyTrainingPage() {
  const t = useMessages(trainingMessages);
  const q = useQuery({ queryKey: [...TRAINING_KEY, 'mine'], queryFn: myTraining });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: '4px 0' }}>
          {t.myTitle}
        </Typography.Title>
        <Link to="/m/training">{t.coursesLink}</Link>
      </Flex>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : (
        <Mine data={q.data} />
      )}
      <ClaimForm />
    </Flex>
  );
}

function Mine({ data }: { data: MyTraining }) {
  const t = useMessages(trainingMessages);
  const { nameOf } = useQualificationTypes();
  return (
    <>
      <Card size="small" title={t.qualifications}>
        {data.qualifications.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noQualifications} />
        ) : (
          <List
            dataSource={data.qualifications}
            renderItem={(x) => (
              <List.Item data-testid={`qualification-${x.code}`}>
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8}>
                    <Typography.Text strong>{nameOf(x.code)}</Typography.Text>
                    <Tag color={STATE_COLOR[x.state]}>{t[`state_${x.state}`]}</Tag>
                  </Flex>
                  <Typography.Text type="secondary">
                    {fmt(t.issued, { d: day(x.issuedAt) })} ·{' '}
                    {x.expiresAt ? fmt(t.expires, { d: day(x.expiresAt) }) : t.noExpiry} ·{' '}
                    {t[`evidence_${x.evidence}`]}
                  </Typography.Text>
                  {x.revokedReason && (
                    <Typography.Text type="danger">
                      {fmt(t.revokedReason, { r: x.revokedReason })}
                    </Typography.Text>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title={t.records}>
        {data.records.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noRecords} />
        ) : (
          <List
            dataSource={data.records}
            renderItem={(r) => (
              <List.Item>
                <Link to={`/m/training/${r.courseId}`}>{r.title}</Link>
                <Typography.Text type="secondary">
                  {t[`method_${r.method as 'quiz' | 'attendance'}`]} · {day(r.at)}
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
      </Card>
      {data.claims.length > 0 && (
        <Card size="small" title={t.claims}>
          <List
            dataSource={data.claims}
            renderItem={(c) => (
              <List.Item>
                <Typography.Text>{nameOf(c.code)}</Typography.Text>
                <Tag>{t[`claim_${c.status as 'pending' | 'approved' | 'rejected'}`]}</Tag>
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}

import { Badge, Card, Empty, List, Space, Spin, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { TodoKind } from '@yiqi/shared/contracts/todo';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { PageTitle } from '../common/PageTitle.tsx';
import { ReplicaLagNotice } from '../common/ReplicaLagNotice.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { getTodo, TODO_KEY, type TodoEntryView } from './api.ts';
import { todoMessages } from './messages.ts';

/** The console page that handles each kind. */
const PAGE_OF: Record<TodoKind, string> = {
  overdueRecords: '/records',
  organizationReviews: '/org-review',
  verifications: '/verification',
  certificates: '/certificates',
  recordDecisions: '/records',
  importBatches: '/imports',
  membershipApplications: '/members',
  signupDecisions: '/activities',
};

/** / (console home) and /todo — what waits for the caller across their scopes, one card per kind. */
export default function TodoPage() {
  const t = useMessages(todoMessages);
  const q = useQuery({ queryKey: TODO_KEY, queryFn: ({ signal }) => getTodo(signal) });

  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const data = q.data;
  const waiting = data?.entries.filter((e) => e.count > 0) ?? [];

  return (
    <>
      <PageTitle title={t.title} extra={data ? fmt(t.total, { n: data.total }) : undefined} />
      <Typography.Paragraph type="secondary">{t.subtitle}</Typography.Paragraph>
      <ReplicaLagNotice path="/api/console/todo" />
      {q.isPending ? (
        <Spin aria-busy="true" style={{ display: 'block', margin: '48px auto' }} />
      ) : waiting.length === 0 ? (
        <Card>
          <Empty description={t.empty}>
            <Typography.Text type="secondary">{t.emptyHint}</Typography.Text>
          </Empty>
        </Card>
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {waiting.map((e) => (
            <TodoCard key={e.kind} entry={e} />
          ))}
        </Space>
      )}
    </>
  );
}

function TodoCard({ entry }: { entry: TodoEntryView }) {
  const t = useMessages(todoMessages);
  const rest = entry.count - entry.items.length;
  return (
    <Card
      size="small"
      title={
        <Space>
          <span>{t[entry.kind]}</span>
          <Badge count={entry.count} overflowCount={999} />
        </Space>
      }
      extra={
        // One link per card; its accessible name says which kind it handles.
        <Link to={PAGE_OF[entry.kind]} aria-label={`${t.handle}: ${t[entry.kind]}`}>
          {t.handle} <RightOutlined aria-hidden />
        </Link>
      }
    >
      <List
        size="small"
        dataSource={entry.items}
        renderItem={(item) => (
          <List.Item>
            <List.Item.Meta
              title={item.title}
              description={[
                item.organization,
                item.day && (entry.kind === 'overdueRecords' ? fmt(t.due, { day: item.day }) : item.day),
              ]
                .filter(Boolean)
                .join(' · ')}
            />
          </List.Item>
        )}
      />
      {rest > 0 && <Typography.Text type="secondary">{fmt(t.more, { n: rest })}</Typography.Text>}
    </Card>
  );
}

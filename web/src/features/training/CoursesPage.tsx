import { Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { courses, TRAINING_KEY } from './api.ts';
import { trainingMessages } from './messages.ts';
import { useQualificationTypes } from './useTypes.ts';

/** /m/training — published courses, and the way to my training and qualifications. */
export default function CoursesPage() {
  const t = useMessages(trainingMessages);
  const navigate = useNavigate();
  const { nameOf } = useQualificationTypes();
  const list = useQuery({ queryKey: [...TRAINING_KEY, 'courses'], queryFn: courses });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: '4px 0' }}>
          {t.coursesTitle}
        </Typography.Title>
        <Button
          icon={<SafetyCertificateOutlined aria-hidden />}
          onClick={() => navigate('/m/training/mine')}
          style={{ minHeight: 44 }}
        >
          {t.myLink}
        </Button>
      </Flex>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton active />
      ) : list.data.items.length === 0 ? (
        <Empty description={t.empty} />
      ) : (
        list.data.items.map((c) => (
          <Link key={c.id} to={`/m/training/${c.id}`} style={{ color: 'inherit' }}>
            <Card size="small" hoverable>
              <Flex vertical gap={4}>
                <Typography.Text strong>{c.title}</Typography.Text>
                <Flex gap={4} wrap>
                  <Tag color={c.mode === 'online' ? 'blue' : 'green'}>
                    {c.mode === 'online' ? t.online : t.offline}
                  </Tag>
                  {c.qualificationCode && (
                    <Tag color="gold">{fmt(t.grants, { q: nameOf(c.qualificationCode) })}</Tag>
                  )}
                </Flex>
                <Typography.Text type="secondary">{fmt(t.owner, { owner: c.ownerName })}</Typography.Text>
                {c.description && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                    {c.description}
                  </Typography.Paragraph>
                )}
              </Flex>
            </Card>
          </Link>
        ))
      )}
    </Flex>
  );
}

import { Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { FUNDING_KEY, tenBest } from './api.ts';
import { fundingMessages } from './messages.ts';

/** /m/funding/ten-best (public) — each published round's ten best projects: titles and organizations only. */
export default function TenBestPage() {
  const t = useMessages(fundingMessages);
  const list = useQuery({ queryKey: [...FUNDING_KEY, 'ten-best'], queryFn: tenBest });
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        <TrophyOutlined aria-hidden /> {t.tenBestTitle}
      </Typography.Title>
      <Typography.Text type="secondary">{t.tenBestIntro}</Typography.Text>
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty description={t.empty} />
      ) : (
        list.data.items.map((round) => (
          <Card
            key={round.roundId}
            size="small"
            title={`${round.year} · ${round.roundName}`}
            extra={round.regionName}
          >
            <List
              dataSource={round.projects}
              renderItem={(p) => (
                <List.Item extra={<b>{p.score}</b>}>
                  <List.Item.Meta
                    avatar={<Tag color={p.rank <= 3 ? 'gold' : 'blue'}>{fmt(t.rank, { n: p.rank })}</Tag>}
                    title={p.title}
                    description={p.orgName}
                  />
                </List.Item>
              )}
            />
          </Card>
        ))
      )}
    </Flex>
  );
}

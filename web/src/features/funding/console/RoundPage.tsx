import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Progress,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { nextRoundState } from '@yiqi/shared/funding/round-states';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { PageTitle } from '../../common/PageTitle.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import {
  addReviewer,
  FUNDING_KEY,
  getRound,
  moveRound,
  publishTenBest,
  roundProposals,
  yuan,
} from '../api.ts';
import { fundingMessages } from '../messages.ts';
import { ProposalQueue } from './ProposalQueue.tsx';
import { ProjectsPanel } from './ProjectsPanel.tsx';
import { RoundForm } from './RoundForm.tsx';
import { STATE_COLORS } from './RoundsPage.tsx';
import { formatDay } from '../../../lib/format.ts';

/**
 * /funding/:id (console) — one round: its settings, the budget board (used and left, per tier), reviewers,
 * the proposals queue (first review, scores, awards) and the funded projects (milestones, reports,
 * evaluation, the ten best).
 */
export default function RoundPage() {
  const { id = '' } = useParams();
  const t = useMessages(fundingMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [username, setUsername] = useState('');
  const round = useQuery({ queryKey: [...FUNDING_KEY, 'round', id], queryFn: () => getRound(id) });
  const proposals = useQuery({
    queryKey: [...FUNDING_KEY, 'proposals', id],
    queryFn: () => roundProposals(id),
  });
  const done = () => {
    void qc.invalidateQueries({ queryKey: FUNDING_KEY });
    void message.success(t.done);
  };
  const onError = (e: Error) => void message.error(e.message);
  const move = useMutation({
    mutationFn: () => moveRound(id, nextRoundState(round.data!.state)!),
    onSuccess: done,
    onError,
  });
  const assign = useMutation({
    mutationFn: () => addReviewer(id, username.trim()),
    onSuccess: () => (setUsername(''), done()),
    onError,
  });
  const publish = useMutation({ mutationFn: () => publishTenBest(id), onSuccess: done, onError });
  if (round.isError) return <ErrorResult error={round.error} onRetry={() => void round.refetch()} />;
  const r = round.data;
  if (!r) return null;
  const next = nextRoundState(r.state);
  return (
    <Flex vertical gap={16}>
      <PageTitle
        title={
          <Space wrap>
            {r.name}
            <Tag color={STATE_COLORS[r.state]}>{t[`st_${r.state}`]}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <Link to="/funding">{t.back}</Link>
            {r.state === 'draft' && <Button onClick={() => setEditing(true)}>{t.editRound}</Button>}
            {next && (
              <Popconfirm title={t.moveConfirm} onConfirm={() => move.mutate()}>
                <Button type="primary" loading={move.isPending}>
                  {t[`move_${next}` as 'move_open']}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t.region}>{r.regionName}</Descriptions.Item>
          <Descriptions.Item label={t.funder}>{r.funderName ?? t.levelBody}</Descriptions.Item>
          <Descriptions.Item label={t.year}>{r.year}</Descriptions.Item>
          <Descriptions.Item label={t.window}>
            {formatDay(r.opensAt)} – {formatDay(r.closesAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t.criteria}>
            {r.criteria.map((c) => `${c.name} ${c.weight}%`).join('，')}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text strong>
          {fmt(t.budgetUsed, { used: yuan(r.awardedFen), left: yuan(r.budgetFen - r.awardedFen) })}
        </Typography.Text>
        <Progress percent={Math.round((r.awardedFen / r.budgetFen) * 100)} />
        <Flex gap={8} wrap>
          {r.tiers.map((x) => (
            <Tag key={x.id} color={x.awarded >= x.count ? 'red' : 'blue'}>
              {fmt(t.tierUsage, { name: x.name, cap: yuan(x.capFen), used: x.awarded, count: x.count })}
            </Tag>
          ))}
        </Flex>
      </Card>
      <Card size="small" title={t.reviewers}>
        <Flex gap={8} wrap align="center">
          {r.reviewers.map((v) => (
            <Tag key={v.userId}>{v.name}</Tag>
          ))}
          {r.state !== 'awarded' && r.state !== 'closed' && (
            <Space.Compact>
              <Input
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                placeholder={t.reviewerUsername}
                aria-label={t.reviewerUsername}
              />
              <Button onClick={() => assign.mutate()} disabled={!username.trim()} loading={assign.isPending}>
                {t.assign}
              </Button>
            </Space.Compact>
          )}
        </Flex>
      </Card>
      <Tabs
        items={[
          {
            key: 'proposals',
            label: t.proposals,
            children: (
              <ProposalQueue round={r} items={proposals.data?.items ?? []} loading={proposals.isFetching} />
            ),
          },
          {
            key: 'projects',
            label: t.milestones,
            children: (
              <Flex vertical gap={12}>
                {(r.state === 'awarded' || r.state === 'closed') &&
                  (r.tenBestPublished ? (
                    <Typography.Text type="success">{t.tenBestPublished}</Typography.Text>
                  ) : (
                    <Button
                      onClick={() => publish.mutate()}
                      loading={publish.isPending}
                      style={{ alignSelf: 'start' }}
                    >
                      {t.publishTenBest}
                    </Button>
                  ))}
                <ProjectsPanel
                  round={r}
                  items={(proposals.data?.items ?? []).filter((p) => p.state === 'awarded')}
                />
              </Flex>
            ),
          },
        ]}
      />
      <RoundForm round={r} region={r.regionCode} open={editing} onClose={() => setEditing(false)} />
    </Flex>
  );
}

import { Fragment, useState, type ReactNode } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Collapse,
  Empty,
  List,
  Progress,
  Row,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../lib/api.ts';
import { dispatchMessages } from './messages.ts';
import { CATEGORY_NAMES, type ServiceCategory } from '@yiqi/shared/categories';
import { SCORE_PARTS, type ScorePart } from '@yiqi/shared/contracts/suggestions';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import {
  getSuggestions,
  suggestionsKey,
  type ScoreBreakdownView,
  type SuggestionNeedInput,
  type TeamCandidateView,
  type VolunteerCandidateView,
} from './suggestionsApi.ts';
import { suggestionsMessages } from './suggestionsMessages.ts';

type Messages = (typeof suggestionsMessages)['zh-CN'];

/**
 * 派单建议 for a need (a work order's place, skills, categories and time): the ranked teams and the
 * volunteers who may be invited, each with its score and why — one bar and one reason per part (skills or
 * categories, distance, availability, load, rating). Mounted by the work-order page of the dispatch feature.
 */
export default function SuggestionsPanel({
  need,
  onInvite,
}: {
  need: SuggestionNeedInput;
  /** Invites a suggested volunteer (the order page passes it once the order is a work order). */
  onInvite?: (volunteerId: string) => Promise<unknown>;
}) {
  const t = useMessages(suggestionsMessages);
  const q = useQuery({
    queryKey: suggestionsKey(need),
    queryFn: ({ signal }) => getSuggestions(need, signal),
  });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending)
    return (
      <Card title={t.title}>
        <Spin aria-busy="true" tip={t.loading} style={{ display: 'block', margin: '32px auto' }}>
          <div style={{ minHeight: 48 }} />
        </Spin>
      </Card>
    );
  const data = q.data;
  return (
    <Row gutter={[16, 16]} data-testid="suggestions-panel">
      <Col xs={24} lg={12}>
        <Card
          title={t.teams}
          extra={
            <Typography.Text type="secondary">
              {fmt(t.considered, { n: data.considered.teams })}
            </Typography.Text>
          }
        >
          {data.teams.length === 0 ? (
            <Empty description={t.emptyTeams}>
              <Typography.Text type="secondary">{t.emptyTeamsHint}</Typography.Text>
            </Empty>
          ) : (
            <List
              dataSource={data.teams}
              renderItem={(c, i) => <TeamItem c={c} rank={i + 1} />}
              data-testid="suggested-teams"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          title={t.volunteers}
          extra={
            <Typography.Text type="secondary">
              {fmt(t.considered, { n: data.considered.volunteers })}
            </Typography.Text>
          }
        >
          <Typography.Paragraph type="secondary">{t.volunteersHint}</Typography.Paragraph>
          {data.volunteers.length === 0 ? (
            <Empty description={t.emptyVolunteers}>
              <Typography.Text type="secondary">{t.emptyVolunteersHint}</Typography.Text>
            </Empty>
          ) : (
            <List
              dataSource={data.volunteers}
              renderItem={(c, i) => <VolunteerItem c={c} rank={i + 1} {...(onInvite ? { onInvite } : {})} />}
              data-testid="suggested-volunteers"
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function TeamItem({ c, rank }: { c: TeamCandidateView; rank: number }) {
  const text = useText();
  return (
    <Candidate
      rank={rank}
      title={c.name}
      subtitle={c.regionName ?? c.regionCode}
      tags={c.categories.map((k) => {
        const name = CATEGORY_NAMES[k as ServiceCategory];
        return name ? text(name) : k;
      })}
      score={c.score}
      breakdown={c.breakdown}
      firstPart="categories"
    />
  );
}

function VolunteerItem({
  c,
  rank,
  onInvite,
}: {
  c: VolunteerCandidateView;
  rank: number;
  onInvite?: (volunteerId: string) => Promise<unknown>;
}) {
  return (
    <Candidate
      {...(onInvite ? { extra: <InviteButton id={c.id} onInvite={onInvite} /> } : {})}
      rank={rank}
      title={`${c.name} · ${c.volunteerNo}`}
      subtitle={c.regionName ?? c.regionCode}
      tags={c.skills}
      score={c.score}
      breakdown={c.breakdown}
      firstPart="skills"
    />
  );
}

/** Invites one suggested volunteer; the answer is theirs (the invitations card shows it). */
function InviteButton({ id, onInvite }: { id: string; onInvite: (id: string) => Promise<unknown> }) {
  const t = useMessages(dispatchMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [done, setDone] = useState(false);
  const m = useMutation({
    mutationFn: () => onInvite(id),
    onSuccess: () => {
      setDone(true);
      void message.success(t.inviteSent);
      void qc.invalidateQueries({ queryKey: ['dispatch-invitations'] });
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Button size="small" disabled={done} loading={m.isPending} onClick={() => m.mutate()}>
      {done ? t.invited : t.invite}
    </Button>
  );
}

/** One candidate: name, total score, and the breakdown folded under it (open for the first). */
function Candidate(p: {
  rank: number;
  title: string;
  subtitle: string;
  tags: string[];
  score: number;
  breakdown: ScoreBreakdownView;
  /** What the skills part is called: skills for volunteers, categories for teams. */
  firstPart: 'skills' | 'categories';
  extra?: ReactNode;
}) {
  const t = useMessages(suggestionsMessages);
  const percent = Math.round(p.score * 100);
  return (
    <List.Item style={{ display: 'block' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <Space direction="vertical" size={2}>
          <Typography.Text strong>
            <Tag color={p.rank <= 3 ? 'gold' : 'default'}>{fmt(t.rank, { n: p.rank })}</Tag>
            {p.title}
          </Typography.Text>
          <Typography.Text type="secondary">{p.subtitle}</Typography.Text>
          <div>
            {p.tags.map((tag) => (
              <Tag key={tag}>{tag}</Tag>
            ))}
          </div>
        </Space>
        {p.extra}
        <Progress
          type="circle"
          size={56}
          percent={percent}
          format={() => percent}
          aria-label={`${t.score} ${percent}`}
        />
      </Space>
      <Collapse
        ghost
        size="small"
        defaultActiveKey={p.rank === 1 ? ['why'] : []}
        items={[
          {
            key: 'why',
            label: t.why,
            // The header is the touch target that opens the breakdown: 44 px high.
            styles: { header: { minHeight: 44, alignItems: 'center' } },
            children: <Breakdown breakdown={p.breakdown} firstPart={p.firstPart} t={t} />,
          },
        ]}
      />
    </List.Item>
  );
}

/** One line per part: its name and weight, a bar of its score, and the reason. */
function Breakdown({
  breakdown,
  firstPart,
  t,
}: {
  breakdown: ScoreBreakdownView;
  firstPart: 'skills' | 'categories';
  t: Messages;
}) {
  const text = useText();
  const label = (part: ScorePart) => (part === 'skills' ? t[firstPart] : t[part]);
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: 'auto 72px 1fr', gap: '4px 8px', alignItems: 'center' }}
    >
      {SCORE_PARTS.map((part) => {
        const b = breakdown[part];
        return (
          <Fragment key={part}>
            <Typography.Text
              style={{ whiteSpace: 'nowrap' }}
              title={fmt(t.weight, { w: Math.round(b.weight * 100) })}
            >
              {label(part)}
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
                {Math.round(b.weight * 100)}%
              </Typography.Text>
            </Typography.Text>
            <Progress
              percent={Math.round(b.score * 100)}
              size="small"
              showInfo={false}
              status="normal"
              style={{ margin: 0 }}
              aria-label={`${label(part)} ${Math.round(b.score * 100)}`}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`part-${part}`}>
              {text(b.reason)}
            </Typography.Text>
          </Fragment>
        );
      })}
    </div>
  );
}

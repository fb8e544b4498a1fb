import { lazy, Suspense, useState } from 'react';
import { Alert, Card, Empty, Flex, Typography } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { RECRUIT_MODE_NAMES } from '@yiqi/shared/contracts/activities';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { stageOf, useMe } from '../auth/session.ts';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { ReplicaLagNotice } from '../common/ReplicaLagNotice.tsx';
import { Loading } from '../shell/Loading.tsx';
import { activityKey, activityPath, getActivity } from './api.ts';
import { ActivityFacts } from './ActivityFacts.tsx';
import { activityMessages } from './messages.ts';
import { PositionCard } from './PositionCard.tsx';
import { RiskNotice } from './RiskNotice.tsx';
import type { SignupTarget } from './SignupModal.tsx';
import { ActivityStatusTag, CategoryTag, RiskTag } from './tags.tsx';

// The sign-up form (and its form controls) loads when a visitor signs up, not with the page (issue 17).
const SignupModal = lazy(() => import('./SignupModal.tsx').then((m) => ({ default: m.SignupModal })));

function BackLink() {
  const t = useMessages(activityMessages);
  return (
    <Link to="/m/activities" style={{ alignSelf: 'flex-start' }}>
      <LeftOutlined aria-hidden /> {t.back}
    </Link>
  );
}

/** /m/activities/:id — everything a volunteer should know before signing up, then the shifts to sign up for. */
export default function ActivityDetailPage() {
  const { id = '' } = useParams();
  const t = useMessages(activityMessages);
  const text = useText();
  const navigate = useNavigate();
  const me = useMe();
  const signedIn = stageOf(me.data) === 'ready';
  const [target, setTarget] = useState<SignupTarget | null>(null);
  const q = useQuery({ queryKey: activityKey(id), queryFn: ({ signal }) => getActivity(id, signal) });

  if (q.isPending) return <Loading />;
  if (q.isError)
    return (
      <Flex vertical gap={12}>
        <BackLink />
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      </Flex>
    );
  const a = q.data;
  const start = (chosen: SignupTarget) =>
    signedIn ? setTarget(chosen) : navigate(`/login?next=${encodeURIComponent(`/m/activities/${a.id}`)}`);

  return (
    <Flex vertical gap={12}>
      <BackLink />
      <ReplicaLagNotice path={activityPath(a.id)} />
      <Flex vertical gap={6}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="activity-title">
          {a.title}
        </Typography.Title>
        <Flex wrap gap={4}>
          <ActivityStatusTag status={a.status} />
          <CategoryTag code={a.category} />
          <RiskTag level={a.riskLevel} />
          {a.recruitMode !== 'public' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {text(RECRUIT_MODE_NAMES[a.recruitMode])}
            </Typography.Text>
          )}
        </Flex>
      </Flex>
      {a.status === 'cancelled' && (
        <Alert
          type="error"
          showIcon
          title={t.cancelledTitle}
          description={a.cancelReason ? fmt(t.cancelledReason, { reason: a.cancelReason }) : undefined}
        />
      )}
      <RiskNotice a={a} />
      <ActivityFacts a={a} />
      <Card size="small" title={t.about}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {a.description}
        </Typography.Paragraph>
      </Card>
      <Typography.Title level={4} style={{ margin: '8px 0 0' }}>
        {t.positions}
      </Typography.Title>
      {a.positions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noPositions} />
      ) : (
        a.positions.map((p) => (
          <PositionCard
            key={p.id}
            a={a}
            p={p}
            signedIn={signedIn}
            onSignUp={(position, shift) => start({ position, shift })}
          />
        ))
      )}
      {target && (
        <Suspense fallback={null}>
          <SignupModal a={a} target={target} onClose={() => setTarget(null)} />
        </Suspense>
      )}
    </Flex>
  );
}

import { Alert, Card, Flex } from 'antd';
import { useParams } from 'react-router';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { ActivityActions } from './ActivityActions.tsx';
import { ActivityInfo } from './ActivityInfo.tsx';
import { ActivityNav, WithActivity } from './ActivityNav.tsx';
import type { ActivityDetail } from './api.ts';
import { activityMessages } from './messages.ts';
import { PositionsSection } from './PositionsSection.tsx';
import { HandoutsCard } from './HandoutsCard.tsx';

/** /activities/:id — the organizer's overview: status and actions, details, positions and shifts. */
export default function ActivityPage() {
  const { id = '' } = useParams();
  return <WithActivity id={id}>{(a) => <Overview activity={a} />}</WithActivity>;
}

function Overview({ activity: a }: { activity: ActivityDetail }) {
  const t = useMessages(activityMessages);
  return (
    <Flex vertical gap={16}>
      <ActivityNav activity={a} current="overview" extra={<ActivityActions activity={a} />} />
      {a.status === 'cancelled' && (
        <Alert
          type="error"
          showIcon
          title={t.cancelledBanner}
          description={a.cancelReason ? fmt(t.cancelledBecause, { reason: a.cancelReason }) : undefined}
        />
      )}
      {a.status === 'draft' && (
        <Alert type="info" showIcon title={a.positions.length ? t.draftBanner : t.draftNoPositions} />
      )}
      {a.status === 'ended' && <Alert type="info" showIcon title={t.endedBanner} />}
      <HandoutsCard activity={a} />
      <PositionsSection activity={a} />
      <Card title={t.details}>
        <ActivityInfo activity={a} />
      </Card>
    </Flex>
  );
}

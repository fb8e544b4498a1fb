import { Card, Empty, Flex, Tag } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { BADGE_NAMES } from '@yiqi/shared/stars/levels';
import { useMessages, useText } from '../../lib/i18n.tsx';
import type { Badge } from './api.ts';
import { starMessages } from './messages.ts';

/** Milestone badges (derived from the volunteer's records), also shown on the volunteer card. */
export function BadgesCard({ badges }: { badges: Badge[] }) {
  const t = useMessages(starMessages);
  const text = useText();
  return (
    <Card size="small" title={t.badges} data-testid="badges">
      {badges.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noBadges} />
      ) : (
        <Flex wrap gap={8}>
          {badges.map((b) => (
            <Tag
              key={b}
              color="gold"
              icon={<TrophyOutlined aria-hidden />}
              style={{ padding: '4px 10px', fontSize: 14 }}
            >
              {text(BADGE_NAMES[b])}
            </Tag>
          ))}
        </Flex>
      )}
    </Card>
  );
}

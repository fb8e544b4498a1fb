import { Avatar, Card, Flex, Tag, Typography } from 'antd';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { commonMessages } from '../common/messages.ts';
import type { VolunteerView } from './api.ts';
import { volunteerMessages } from './messages.ts';
import { VerificationTag } from './VerificationTag.tsx';

/** Name, volunteer number (to give to a team that invites you) and status at a glance. */
export function ProfileHeader({ v }: { v: VolunteerView }) {
  const t = useMessages(volunteerMessages);
  const c = useMessages(commonMessages);
  return (
    <Card styles={{ body: { padding: 16 } }}>
      <Flex gap={14} align="center">
        <Avatar size={56} style={{ background: '#d4380d', fontSize: 24, flexShrink: 0 }} aria-hidden>
          {v.name.slice(0, 1)}
        </Avatar>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="profile-name">
              {v.name}
            </Typography.Title>
            <VerificationTag status={v.verification.status} />
            {v.isMinor && <Tag color="gold">{t.minor}</Tag>}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t.volunteerNo}{' '}
            <Typography.Text
              copyable={{ text: v.volunteerNo, tooltips: [c.copied, c.copied] }}
              data-testid="volunteer-no"
              style={{ fontVariantNumeric: 'tabular-nums' }}
            >
              {v.volunteerNo}
            </Typography.Text>
          </Typography.Text>
          {v.age !== null && (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {v.gender ? t[v.gender] : ''} · {fmt(t.ageValue, { n: v.age })}
              {v.regionName ? ` · ${v.regionName}` : ''}
            </Typography.Text>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

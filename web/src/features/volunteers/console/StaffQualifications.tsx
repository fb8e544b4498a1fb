import { Flex, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { formatDay } from '../../../lib/format.ts';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { trainingMessages } from '../../training/messages.ts';
import { useQualificationTypes } from '../../training/useTypes.ts';
import { volunteerMessages } from '../messages.ts';
import { getVolunteerQualifications } from './api.ts';

const STATE_COLOR = { valid: 'green', expiring: 'orange', expired: 'default', revoked: 'red' } as const;

/**
 * The volunteer's qualification records in the staff drawer: type, state and expiry. Only records with
 * evidence; what a volunteer once typed on the profile is theirs alone (docs/decisions/0069).
 */
export function StaffQualifications({ id }: { id: string }) {
  const tt = useMessages(trainingMessages);
  const v = useMessages(volunteerMessages);
  const { nameOf } = useQualificationTypes();
  const q = useQuery({
    queryKey: ['volunteer', id, 'qualifications'],
    queryFn: ({ signal }) => getVolunteerQualifications(id, signal),
  });
  if (q.isPending) return <Skeleton.Input active size="small" />;
  if (q.isError) return <Typography.Text type="danger">{q.error.message}</Typography.Text>;
  if (q.data.items.length === 0)
    return <Typography.Text type="secondary">{v.noQualificationRecords}</Typography.Text>;
  return (
    <Flex vertical gap={4} data-testid="staff-qualifications">
      {q.data.items.map((x) => (
        <span key={x.id}>
          {nameOf(x.code)}{' '}
          <Tag color={STATE_COLOR[x.state]} style={{ marginInlineStart: 4 }}>
            {tt[`state_${x.state}`]}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {x.expiresAt ? fmt(tt.expires, { d: formatDay(x.expiresAt) }) : tt.noExpiry}
          </Typography.Text>
        </span>
      ))}
    </Flex>
  );
}

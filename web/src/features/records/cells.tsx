import { Button, Flex, Popover, Tag, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import type { RecordView } from './api.ts';
import { ExplainSteps } from './explain.tsx';
import { recordMessages } from './messages.ts';
import { formatMinutesAsHours } from '../../lib/format.ts';

const small = { fontSize: 12 } as const;

/** The volunteer's name with their number below. */
export function VolunteerCell({ r }: { r: RecordView }) {
  return (
    <Flex vertical>
      <span>{r.volunteerName ?? '—'}</span>
      <Typography.Text type="secondary" style={{ ...small, fontVariantNumeric: 'tabular-nums' }}>
        {r.volunteerNo}
      </Typography.Text>
    </Flex>
  );
}

/** Hours in the one format (lib/format.ts), e.g. "2.5 小时". */
export function Hours({ minutes }: { minutes: number | null }) {
  const t = useMessages(recordMessages);
  if (minutes === null) return <>—</>;
  return <span style={{ whiteSpace: 'nowrap' }}>{fmt(t.hours, { h: formatMinutesAsHours(minutes) })}</span>;
}

/** The recorded hours, with the adjustment's reason when they differ from the computed ones. */
export function FinalHours({ r }: { r: RecordView }) {
  const t = useMessages(recordMessages);
  return (
    <Flex vertical style={{ maxWidth: 220 }}>
      <Typography.Text strong={r.status === 'confirmed'}>
        <Hours minutes={r.minutes} />
      </Typography.Text>
      {r.adjustReason && (
        <Typography.Text type="secondary" style={small}>
          {fmt(t.adjusted, { reason: r.adjustReason })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The due date, flagged when it has passed. */
export function DueCell({ r }: { r: RecordView }) {
  const t = useMessages(recordMessages);
  if (!r.dueDate) return <>—</>;
  return (
    <Flex gap={4} align="center" wrap>
      <span style={{ whiteSpace: 'nowrap' }}>{r.dueDate}</span>
      {r.overdue && (
        <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="overdue">
          {t.overdue}
        </Tag>
      )}
    </Flex>
  );
}

/** A link that opens the computation steps in a popover. */
export function ExplainButton({ r }: { r: RecordView }) {
  const t = useMessages(recordMessages);
  return (
    <Popover
      trigger="click"
      title={t.explainTitle}
      content={
        <div style={{ maxWidth: 380 }}>
          <ExplainSteps record={r} />
        </div>
      }
    >
      <Button size="small" type="link" icon={<InfoCircleOutlined aria-hidden />} data-testid="explain-button">
        {t.explain}
      </Button>
    </Popover>
  );
}

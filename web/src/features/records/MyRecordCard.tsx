import { useState } from 'react';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { CalendarOutlined, DownOutlined, EditOutlined, TeamOutlined, UpOutlined } from '@ant-design/icons';
import { RECORD_KIND_NAMES } from '@yiqi/shared/contracts/records';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { InfoLine } from '../activities/InfoLine.tsx';
import type { RecordView } from './api.ts';
import { ExplainSteps } from './explain.tsx';
import { myRecordMessages } from './my.messages.ts';
import { RecordStatusTag } from './tags.tsx';
import { formatHours } from '../../lib/format.ts';

/** One of my records: what, when, where it stands and its hours; the computation on demand. */
export function MyRecordCard({ r, onCorrect }: { r: RecordView; onCorrect: (r: RecordView) => void }) {
  const t = useMessages(myRecordMessages);
  const text = useText();
  const [open, setOpen] = useState(false);
  const canCorrect = r.status === 'confirmed' && !r.supersededBy;
  return (
    <Card size="small" data-testid="my-record">
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text strong style={{ fontSize: 15, minWidth: 0 }}>
            {r.activityTitle}
          </Typography.Text>
          <Flex gap={4} wrap justify="flex-end" style={{ flexShrink: 0 }}>
            {r.kind !== 'attendance' && (
              <Tag style={{ marginInlineEnd: 0 }}>{text(RECORD_KIND_NAMES[r.kind])}</Tag>
            )}
            <RecordStatusTag status={r.status} />
          </Flex>
        </Flex>
        <InfoLine icon={<TeamOutlined aria-hidden />}>
          {r.positionName ? `${r.orgName} · ${r.positionName}` : r.orgName}
        </InfoLine>
        <Flex justify="space-between" align="baseline" gap={8}>
          <InfoLine icon={<CalendarOutlined aria-hidden />}>{r.serviceDate}</InfoLine>
          <Typography.Text
            strong
            delete={r.status === 'rejected' || r.status === 'superseded'}
            style={{ fontSize: 16, whiteSpace: 'nowrap' }}
            data-testid="record-hours"
          >
            {fmt(t.hours, { h: formatHours(r.hours) })}
          </Typography.Text>
        </Flex>
        {r.status === 'rejected' && r.rejectReason && (
          <Typography.Text type="danger">{fmt(t.rejected, { reason: r.rejectReason })}</Typography.Text>
        )}
        {r.adjustReason && (
          <Typography.Text type="secondary">{fmt(t.adjusted, { reason: r.adjustReason })}</Typography.Text>
        )}
        {r.status === 'superseded' && <Typography.Text type="secondary">{t.superseded}</Typography.Text>}
        {open && (
          <div style={{ background: '#fafafa', borderRadius: 6, padding: '4px 10px' }}>
            <ExplainSteps record={r} />
          </div>
        )}
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Button
            type="link"
            size="small"
            icon={open ? <UpOutlined aria-hidden /> : <DownOutlined aria-hidden />}
            onClick={() => setOpen(!open)}
            aria-expanded={open}
            style={{ paddingInline: 0 }}
            data-testid="toggle-explain"
          >
            {open ? t.hideExplain : t.explain}
          </Button>
          {canCorrect && (
            <Button
              size="small"
              icon={<EditOutlined aria-hidden />}
              onClick={() => onCorrect(r)}
              data-testid="correct"
            >
              {t.correct}
            </Button>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

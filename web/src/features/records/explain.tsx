import { useCallback } from 'react';
import { List, Typography } from 'antd';
import { RECORD_KIND_NAMES, ROUNDING_RULE_NAMES } from '@yiqi/shared/contracts/records';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { formatTime } from '../../lib/format.ts';
import type { ExplainStep, RecordView } from './api.ts';
import { recordMessages } from './messages.ts';

/** Minutes in words: "2 小时 30 分钟", "45 分钟". */
export function useDuration(): (minutes: number) => string {
  const t = useMessages(recordMessages);
  return useCallback(
    (minutes: number) => {
      const h = Math.floor(minutes / 60);
      const m = minutes % 60;
      if (!h) return fmt(t.durM, { m });
      return m ? fmt(t.durHM, { h, m }) : fmt(t.durH, { h });
    },
    [t],
  );
}

/** 09:05, or 2026-05-01 09:05 when the day matters. */
const clock = (iso: string | undefined, withDate: boolean) =>
  iso ? formatTime(iso).slice(withDate ? 0 : 11, 16) : '—';

/** One step of the computation in words. */
function useStepText(r: RecordView): (s: ExplainStep) => string {
  const t = useMessages(recordMessages);
  const text = useText();
  const d = useDuration();
  return (s) => {
    switch (s.step) {
      case 'served': {
        const sameDay = (s.from ?? '').slice(0, 10) === (s.to ?? '').slice(0, 10);
        return fmt(t.stepServed, {
          from: clock(s.from, true),
          to: clock(s.to, !sameDay),
          d: d(s.minutes),
        });
      }
      case 'breaks':
        return fmt(t.stepBreaks, { b: r.breakMinutes, d: d(s.minutes) });
      case 'shift_cap':
        return fmt(t.stepShiftCap, { d: d(s.minutes) });
      case 'day_cap':
        return fmt(t.stepDayCap, { d: d(s.minutes) });
      case 'rounded':
        return fmt(t.stepRounded, {
          rule: text(ROUNDING_RULE_NAMES[s.rule ?? r.hoursRule]),
          d: d(s.minutes),
        });
    }
  };
}

/**
 * How a record's hours came about, step by step (served from–to, breaks, caps, rounding), then the
 * organizer's adjustment if there was one.
 */
export function ExplainSteps({ record: r }: { record: RecordView }) {
  const t = useMessages(recordMessages);
  const text = useText();
  const d = useDuration();
  const step = useStepText(r);
  const adjusted = r.computedMinutes !== null && r.computedMinutes !== r.minutes;
  const lines = [
    ...r.explain.map(step),
    ...(adjusted && r.adjustReason ? [fmt(t.stepAdjusted, { d: d(r.minutes), reason: r.adjustReason })] : []),
  ];
  if (!lines.length)
    return (
      <Typography.Text type="secondary" data-testid="explain">
        {fmt(t.noSteps, { kind: text(RECORD_KIND_NAMES[r.kind]) })} {fmt(t.stepFinal, { d: d(r.minutes) })}
      </Typography.Text>
    );
  return (
    <List
      size="small"
      data-testid="explain"
      dataSource={lines}
      renderItem={(line, i) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Typography.Text>
            {i + 1}. {line}
          </Typography.Text>
        </List.Item>
      )}
      footer={<Typography.Text strong>{fmt(t.stepFinal, { d: d(r.minutes) })}</Typography.Text>}
    />
  );
}

import { Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { useMessages, useText } from '../../lib/i18n.tsx';
import { formatTime } from '../../lib/format.ts';
import type { OrderDetailT } from './api.ts';
import { HOP_NAMES, SYSTEM_HOPS } from './actions.ts';
import { serviceMessages } from './service.messages.ts';

/**
 * An order's timeline (every hop: what, when, by whom, from → to, the note) for the unit's staff and the
 * serving team; an activity the team opened for the order is linked (the console's activity page).
 */
export function OrderTimeline({ timeline }: { timeline: OrderDetailT['timeline'] }) {
  const text = useText();
  const s = useMessages(serviceMessages);
  return (
    <Timeline
      items={timeline.map((h) => ({
        color: h.action === 'remind' || h.action === 'escalate' || h.action === 'timeout' ? 'red' : 'blue',
        children: (
          <>
            <div>
              <b>{HOP_NAMES[h.action] ? text(HOP_NAMES[h.action]!) : h.action}</b> · {formatTime(h.at)}
            </div>
            {h.activity && (
              <div>
                <Link to={`/activities/${h.activity.id}`} data-testid="timeline-activity">
                  {h.activity.title}
                </Link>
              </div>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                h.by ?? (SYSTEM_HOPS.includes(h.action) ? s.system : null),
                h.fromUnit && h.toUnit && h.fromUnit !== h.toUnit
                  ? `${h.fromUnitName ?? h.fromUnit} → ${h.toUnitName ?? h.toUnit}`
                  : null,
                h.toTeam,
                h.note,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </>
        ),
      }))}
    />
  );
}

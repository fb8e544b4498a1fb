import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import type { ActivityDetail, PositionView, ShiftView } from './api.ts';
import { activityMessages } from './messages.ts';
import { ShiftRow } from './ShiftRow.tsx';

const LABEL = { width: 88, color: 'rgba(0,0,0,0.55)' };
const OPEN = ['pending', 'accepted', 'waitlisted'];

/** My sign-up for a shift: the open one if there is one. */
const mineFor = (a: ActivityDetail, shiftId: string) => {
  const mine = a.mySignups.filter((m) => m.shiftId === shiftId);
  return mine.find((m) => OPEN.includes(m.status)) ?? mine[mine.length - 1];
};

interface Props {
  a: ActivityDetail;
  p: PositionView;
  signedIn: boolean;
  onSignUp: (p: PositionView, s: ShiftView) => void;
}

/** A position: what it involves and who may take it, then its shifts. */
export function PositionCard({ a, p, signedIn, onSignUp }: Props) {
  const t = useMessages(activityMessages);
  const text = useText();
  const age =
    p.minAge !== null && p.maxAge !== null
      ? fmt(t.ageRange, { min: p.minAge, max: p.maxAge })
      : p.minAge !== null
        ? fmt(t.ageMin, { min: p.minAge })
        : p.maxAge !== null
          ? fmt(t.ageMax, { max: p.maxAge })
          : null;
  const items = [
    ...(p.duties
      ? [
          {
            key: 'duties',
            label: t.duties,
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.duties}</span>,
          },
        ]
      : []),
    ...(age ? [{ key: 'age', label: t.age, children: age }] : []),
    ...(p.requiredSkills.length
      ? [{ key: 'skills', label: t.skills, children: p.requiredSkills.join('、') }]
      : []),
    ...(p.requiredQualifications.length
      ? [{ key: 'quals', label: t.qualifications, children: p.requiredQualifications.join('、') }]
      : []),
  ];
  return (
    <Card
      size="small"
      data-testid="position-card"
      title={
        <Flex gap={8} align="center" wrap style={{ padding: '4px 0' }}>
          <Typography.Text strong style={{ whiteSpace: 'normal' }}>
            {p.name}
          </Typography.Text>
          {p.needsApproval && (
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {t.needsApproval}
            </Tag>
          )}
          {p.requiredQualificationName && (
            <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="requires-qualification">
              {fmt(t.requiresQualification, { q: text(p.requiredQualificationName) })}
            </Tag>
          )}
        </Flex>
      }
    >
      {items.length > 0 && (
        <Descriptions
          column={1}
          size="small"
          styles={{ label: LABEL }}
          items={items}
          style={{ marginBottom: 4 }}
        />
      )}
      {p.shifts.map((s) => (
        <ShiftRow
          key={s.id}
          shift={s}
          activityStatus={a.status}
          mine={mineFor(a, s.id)}
          signedIn={signedIn}
          onSignUp={() => onSignUp(p, s)}
        />
      ))}
    </Card>
  );
}

import { Select } from 'antd';
import type { ActivityDetail, ShiftView } from './api.ts';
import { timeRange } from './time.ts';

interface Props {
  activity: ActivityDetail;
  id?: string;
  value?: string | undefined;
  onChange: (shiftId: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  width?: number | string;
}

/** Every shift of the activity, grouped by position. */
export function ShiftSelect({ activity, id, value, onChange, placeholder, allowClear, width = 320 }: Props) {
  return (
    <Select
      id={id}
      value={value}
      onChange={(v?: string) => onChange(v)}
      placeholder={placeholder}
      allowClear={allowClear}
      options={activity.positions.map((p) => ({
        label: p.name,
        title: p.name,
        options: p.shifts.map((s) => ({
          value: s.id,
          label: `${p.name} · ${timeRange(s.startsAt, s.endsAt)}`,
        })),
      }))}
      style={{ width, maxWidth: '100%' }}
      data-testid="shift-select"
    />
  );
}

/** All shifts of an activity with their position's name. */
export function allShifts(a: ActivityDetail): (ShiftView & { positionName: string })[] {
  return a.positions.flatMap((p) => p.shifts.map((s) => ({ ...s, positionName: p.name })));
}

/** The shift to show first: the one running now, else the next to start, else the last. */
export function currentShift(a: ActivityDetail, now = Date.now()): string | undefined {
  const t = (iso: string) => new Date(iso).getTime();
  const shifts = allShifts(a).sort((x, y) => t(x.startsAt) - t(y.startsAt));
  return (
    shifts.find((s) => t(s.startsAt) <= now && now < t(s.endsAt)) ??
    shifts.find((s) => t(s.startsAt) > now) ??
    shifts[shifts.length - 1]
  )?.id;
}

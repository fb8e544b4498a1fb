import dayjs, { type Dayjs } from 'dayjs';
import { formatTime } from '../../lib/format.ts';

/** A picked date-time, read as Beijing wall-clock time (as the table shows it), to an ISO instant. */
export function beijingToIso(d: Dayjs): string {
  return new Date(`${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00`).toISOString();
}

/** An ISO instant back to the Beijing wall-clock value the picker shows. */
export function isoToBeijing(iso: string | null): Dayjs | null {
  if (!iso) return null;
  const d = dayjs(formatTime(iso).replace(' ', 'T'));
  return d.isValid() ? d : null;
}

import dayjs, { type Dayjs } from 'dayjs';
import { formatTime } from './format.ts';

/**
 * Every time the product enters and shows is China time (Asia/Shanghai, UTC+8 all year since 1991), whatever
 * the browser's own zone. The date pickers (antd, dayjs) work on the browser's local fields, so a picker's
 * value is a "wall clock": a local dayjs whose year…minute are China's. Values go in through toPicker and
 * come out through fromPicker; nothing else converts a picker's value (its toISOString() would read the
 * fields in the browser's zone: 09:00 typed in a browser set to UTC became 17:00 China time).
 */

/** A picker's value, read as China wall-clock time, to an ISO instant with its +08:00 offset. */
export function fromPicker(d: Dayjs, unit: 'minute' | 'second' = 'minute'): string {
  return unit === 'minute'
    ? `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00`
    : `${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;
}

/** An instant as the China wall-clock value a picker shows (undefined for none or an unreadable one). */
export function toPicker(iso: string | null | undefined): Dayjs | undefined {
  if (!iso) return undefined;
  const d = dayjs(formatTime(iso).replace(' ', 'T'));
  return d.isValid() ? d : undefined;
}

/** Now, as China wall-clock time: defaults of pickers and "not after today" limits. */
export function chinaNow(now: Date = new Date()): Dayjs {
  return toPicker(now.toISOString())!;
}

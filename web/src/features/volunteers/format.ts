import type { Slot } from './api.ts';

/** "周一 09:00–12:00" lines, Monday first, each day's slots in time order. */
export function formatSlots(slots: Slot[], weekdays: string): string[] {
  const names = weekdays.split(',');
  return [...slots]
    .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))
    .map((s) => `${names[s.weekday - 1] ?? s.weekday} ${s.start}–${s.end}`);
}

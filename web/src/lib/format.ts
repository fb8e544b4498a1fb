const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A timestamp as wall-clock time in China (Asia/Shanghai, UTC+8), whatever the browser's own zone. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(shanghai.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The day of a timestamp (or of a date) in China: 2026-05-01. */
export function formatDay(iso: string): string {
  return formatTime(iso).slice(0, 10);
}

/** Only same-site paths are followed after sign-in. */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * Hours as every page shows them: one decimal, always ("0.5", "2.0", "1,234.5"), whether a record's, a total
 * or a certificate's. The server's figures keep their precision; only the display rounds.
 */
export function formatHours(hours: number): string {
  return oneDecimal.format(hours);
}

/** Minutes shown as hours, in the one format of {@link formatHours}. */
export function formatMinutesAsHours(minutes: number): string {
  return formatHours(minutes / 60);
}

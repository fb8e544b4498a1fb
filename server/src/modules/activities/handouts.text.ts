/** Times on paper, in China time (UTC+8, no daylight saving): "2026-05-01 09:00". */
export function formatMinute(d: Date | string): string {
  return new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** "2026-05-01 09:00–12:00", or both dates when the range crosses midnight. */
export function timeRangeText(start: Date | string, end: Date | string): string {
  const a = formatMinute(start);
  const b = formatMinute(end);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a} – ${b}`;
}

/** Text inside SVG/HTML markup. */
export const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * index.html with the link-preview meta of one page (og: for WeChat, QQ and most chat apps; description for
 * search engines) and its title, so a forwarded link shows what it is before any script runs.
 */
export function withMeta(html: string, m: { title: string; description: string; url: string }): string {
  const tags = [
    `<meta property="og:type" content="website" />`,
    `<meta property="og:site_name" content="一起 · 广东志愿服务平台" />`,
    `<meta property="og:title" content="${escapeXml(m.title)}" />`,
    `<meta property="og:description" content="${escapeXml(m.description)}" />`,
    `<meta property="og:url" content="${escapeXml(m.url)}" />`,
    `<meta name="description" content="${escapeXml(m.description)}" />`,
  ].join('\n    ');
  return html
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeXml(m.title)} · 一起</title>\n    ${tags}`)
    .replace(/(<head[^>]*>)(?![\s\S]*og:title)/, `$1\n    ${tags}`);
}

/** Masks for personal data in responses: at most the first 6 and last 4 of a document number. */
export function maskDocument(n: string): string {
  if (n.length <= 10) return n.slice(0, 2) + '*'.repeat(Math.max(n.length - 4, 1)) + n.slice(-2);
  return n.slice(0, 6) + '*'.repeat(n.length - 10) + n.slice(-4);
}

/** 138****5678 */
export function maskPhone(p: string): string {
  return p.length >= 7 ? p.slice(0, 3) + '****' + p.slice(-4) : '****';
}

/** 张*明 on public pages; two-character names keep the first: 张*. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** z***@example.com: the first character of the mailbox and the whole domain (where notices go). */
export function maskEmail(e: string): string {
  const at = e.lastIndexOf('@');
  if (at < 1) return '***';
  return e.slice(0, 1) + '***' + e.slice(at);
}

/** A WeChat OpenID shows only its last 4 characters: o…Xk3Q. */
export function maskOpenid(id: string): string {
  return id.length > 4 ? '…' + id.slice(-4) : '…';
}

/** Text typed by a user as a literal inside a LIKE / ILIKE pattern: its `\`, `%` and `_` match themselves. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** The mark of 一起 ("together"): two people side by side on the platform's red tile. */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#d4380d" />
      <circle cx="40" cy="23" r="7" fill="#ffd8bf" />
      <path d="M28 50c0-8.5 5.4-14 12-14s12 5.5 12 14z" fill="#ffd8bf" />
      <circle cx="25" cy="23" r="7" fill="#fff" />
      <path d="M13 50c0-8.5 5.4-14 12-14s12 5.5 12 14z" fill="#fff" />
    </svg>
  );
}

import {
  ACTIVITY_STATUS_NAMES,
  RISK_LEVEL_NAMES,
  type ActivityStatus,
} from '@yiqi/shared/contracts/activities';
import { ApiError } from '../lib/api.ts';
import { useMessages, useText } from '../lib/locale.tsx';
import { useCategoryName } from '../features/common/categoryName.ts';
import { publicMessages } from './messages.ts';

/** Small pieces of the light pages, in the colours of the console's tags (features/activities/tags.tsx). */

const STATUS_COLORS: Record<ActivityStatus, string> = {
  draft: '',
  published: 'green',
  in_progress: 'blue',
  ended: '',
  closed: '',
  cancelled: 'red',
};

export function StatusTag({ status }: { status: ActivityStatus }) {
  const text = useText();
  return (
    <span className={`lp-tag ${STATUS_COLORS[status]}`} data-testid="activity-status">
      {text(ACTIVITY_STATUS_NAMES[status])}
    </span>
  );
}

export function RiskTag({ level }: { level: keyof typeof RISK_LEVEL_NAMES }) {
  const text = useText();
  if (level === 'none') return null;
  return (
    <span className={`lp-tag ${level === 'high' ? 'red' : 'gold'}`}>{text(RISK_LEVEL_NAMES[level])}</span>
  );
}

export function CategoryTag({ code }: { code: string }) {
  const name = useCategoryName();
  return <span className="lp-tag orange">{name(code)}</span>;
}

export function Pending() {
  const t = useMessages(publicMessages);
  return (
    <p className="lp-center lp-muted" role="status">
      {t.loading}
    </p>
  );
}

/** A failed call: the server's message (already in the visitor's language) and a retry. */
export function Failed({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useMessages(publicMessages);
  return (
    <div className="lp-card lp-center" role="alert">
      <p>{error instanceof ApiError ? error.message : String(error)}</p>
      <button type="button" className="lp-btn" onClick={retry}>
        {t.retry}
      </button>
    </div>
  );
}

import { fmt, useMessages } from '../../lib/i18n.tsx';
import type { RecordView } from './api.ts';
import { useDuration } from './explain.tsx';
import { recordMessages } from './messages.ts';
import { MinutesReasonModal } from './MinutesReasonModal.tsx';

/** Confirms one draft with other minutes than computed, and the reason for it (required). */
export function AdjustModal({
  record,
  onSubmit,
  onClose,
}: {
  record: RecordView | null;
  onSubmit: (minutes: number, reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useMessages(recordMessages);
  const d = useDuration();
  return (
    <MinutesReasonModal
      record={record}
      name="adjust-record"
      text={{
        title: t.adjustTitle,
        okText: t.confirm,
        minutesLabel: t.minutes,
        reasonLabel: t.adjustReason,
        reasonHint: t.adjustReasonHint,
        reasonRequired: t.adjustReasonRequired,
      }}
      intro={(r) =>
        fmt(t.adjustFor, {
          name: r.volunteerName ?? '—',
          no: r.volunteerNo,
          computed: d(r.computedMinutes ?? r.minutes),
        })
      }
      initialMinutes={(r) => r.computedMinutes ?? r.minutes}
      onSubmit={onSubmit}
      onClose={onClose}
    />
  );
}

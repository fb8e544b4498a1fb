import { fmt, useMessages } from '../../lib/i18n.tsx';
import type { RecordView } from './api.ts';
import { useDuration } from './explain.tsx';
import { myRecordMessages } from './my.messages.ts';
import { MinutesReasonModal } from './MinutesReasonModal.tsx';

/** A volunteer asks the recording organization to correct the minutes of a confirmed record. */
export function CorrectionModal({
  record,
  onSubmit,
  onClose,
}: {
  record: RecordView | null;
  onSubmit: (minutes: number, reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useMessages(myRecordMessages);
  const d = useDuration();
  return (
    <MinutesReasonModal
      record={record}
      name="record-correction"
      // On a phone, focusing the number would open the keyboard over the explanation.
      autoFocus={false}
      text={{
        title: t.correctTitle,
        okText: t.submit,
        minutesLabel: t.minutes,
        reasonLabel: t.reason,
        reasonPlaceholder: t.reasonPlaceholder,
        reasonRequired: t.reasonRequired,
      }}
      intro={(r) => (
        <>
          {r.activityTitle} · {fmt(t.current, { d: d(r.minutes) })}
          <br />
          {t.correctHint}
        </>
      )}
      initialMinutes={(r) => r.minutes}
      onSubmit={onSubmit}
      onClose={onClose}
    />
  );
}

import { useMutation } from '@tanstack/react-query';
import { MAX_IMPORT_BYTES } from '@yiqi/shared/contracts/imports';
import { useMessages } from '../../lib/i18n.tsx';
import { OneFileDragger } from '../common/OneFileDragger.tsx';
import { startImport, type ImportKind } from './api.ts';
import { importMessages } from './messages.ts';

/** Drops an .xlsx file onto the import: sent as it is, then followed by its job id. */
export function ImportUpload({
  kind,
  orgId,
  reason,
  disabled = false,
  onStarted,
}: {
  kind: ImportKind;
  orgId: string;
  /** Hours imports: the batch's reason, sent with the file. */
  reason?: string;
  disabled?: boolean;
  onStarted: (jobId: string) => void;
}) {
  const t = useMessages(importMessages);
  const upload = useMutation({
    mutationFn: (file: File) => startImport(kind, orgId, file, reason),
    onSuccess: (r) => onStarted(r.jobId),
  });
  return (
    <OneFileDragger
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      fits={(file) => /\.xlsx$/i.test(file.name)}
      maxBytes={MAX_IMPORT_BYTES}
      badType={t.badType}
      tooBig={t.tooBig}
      send={(file) => upload.mutateAsync(file)}
      text={upload.isPending ? t.uploading : t.dragText}
      hint={t.dragHint}
      testId="import-upload"
      disabled={disabled || upload.isPending}
      keepListed
    />
  );
}

import { App, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { MAX_IMPORT_BYTES } from '@yiqi/shared/contracts/imports';
import { useMessages } from '../../lib/i18n.tsx';
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
  const { message } = App.useApp();
  const upload = useMutation({
    mutationFn: (file: File) => startImport(kind, orgId, file, reason),
    onSuccess: (r) => onStarted(r.jobId),
  });
  return (
    <Upload.Dragger
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      multiple={false}
      maxCount={1}
      showUploadList={{ showRemoveIcon: false }}
      disabled={disabled || upload.isPending}
      data-testid="import-upload"
      beforeUpload={(file) => {
        if (!/\.xlsx$/i.test(file.name)) {
          void message.error(t.badType);
          return Upload.LIST_IGNORE;
        }
        if (file.size > MAX_IMPORT_BYTES) {
          void message.error(t.tooBig);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        upload.mutateAsync(file as File).then(
          (r) => onSuccess?.(r),
          (e: Error) => {
            void message.error(e.message);
            onError?.(e);
          },
        );
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined aria-hidden />
      </p>
      <p className="ant-upload-text">{upload.isPending ? t.uploading : t.dragText}</p>
      <p className="ant-upload-hint">{t.dragHint}</p>
    </Upload.Dragger>
  );
}

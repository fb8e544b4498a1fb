import { App, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fileToBase64 } from '../../lib/files.ts';
import { useMessages } from '../../lib/i18n.tsx';
import { MY_VOLUNTEER_KEY, uploadDocument } from './api.ts';
import { identityVerificationMessages } from './verification.messages.ts';

const TYPES = ['image/png', 'image/jpeg', 'application/pdf'];
const MAX = 2 * 1024 * 1024;

/** A copy of the identity document for manual review: checked here for type and size, sent as base64. */
export function DocumentUpload() {
  const t = useMessages(identityVerificationMessages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const upload = useMutation({
    mutationFn: async (file: File) => uploadDocument(file.type, await fileToBase64(file)),
    onSuccess: () => {
      void message.success(t.uploaded);
      void qc.invalidateQueries({ queryKey: MY_VOLUNTEER_KEY });
    },
  });

  return (
    <Upload.Dragger
      accept=".png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf"
      multiple={false}
      maxCount={1}
      data-testid="document-upload"
      beforeUpload={(file) => {
        if (!TYPES.includes(file.type)) {
          void message.error(t.badType);
          return Upload.LIST_IGNORE;
        }
        if (file.size > MAX) {
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
      <p className="ant-upload-text">{t.dragText}</p>
      <p className="ant-upload-hint">{t.dragHint}</p>
    </Upload.Dragger>
  );
}

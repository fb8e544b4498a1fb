import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fileToBase64 } from '../../lib/files.ts';
import { useMessages } from '../../lib/i18n.tsx';
import { OneFileDragger } from '../common/OneFileDragger.tsx';
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
    <OneFileDragger
      accept=".png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf"
      fits={(file) => TYPES.includes(file.type)}
      maxBytes={MAX}
      badType={t.badType}
      tooBig={t.tooBig}
      send={(file) => upload.mutateAsync(file)}
      text={t.dragText}
      hint={t.dragHint}
      testId="document-upload"
    />
  );
}

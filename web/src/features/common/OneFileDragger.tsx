import type { ReactNode } from 'react';
import { App, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';

/**
 * A drop zone for one file: refused here with `badType` or `tooBig` (nothing sent) when `fits` says no or
 * it is larger than `maxBytes`, else handed to `send`; a failed send shows the server's message.
 */
export function OneFileDragger({
  accept,
  fits,
  maxBytes,
  badType,
  tooBig,
  send,
  text,
  hint,
  testId,
  disabled,
  keepListed = false,
}: {
  accept: string;
  fits: (file: File) => boolean;
  maxBytes: number;
  badType: string;
  tooBig: string;
  send: (file: File) => Promise<unknown>;
  text: ReactNode;
  hint: ReactNode;
  testId: string;
  disabled?: boolean;
  /** The sent file stays listed, without a remove button. */
  keepListed?: boolean;
}) {
  const { message } = App.useApp();
  return (
    <Upload.Dragger
      accept={accept}
      multiple={false}
      maxCount={1}
      {...(keepListed ? { showUploadList: { showRemoveIcon: false } } : {})}
      {...(disabled !== undefined ? { disabled } : {})}
      data-testid={testId}
      beforeUpload={(file) => {
        if (!fits(file)) {
          void message.error(badType);
          return Upload.LIST_IGNORE;
        }
        if (file.size > maxBytes) {
          void message.error(tooBig);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        send(file as File).then(
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
      <p className="ant-upload-text">{text}</p>
      <p className="ant-upload-hint">{hint}</p>
    </Upload.Dragger>
  );
}

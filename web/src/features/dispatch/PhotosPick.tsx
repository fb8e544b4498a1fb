import { useRef, useState } from 'react';
import { Button, Flex, Typography } from 'antd';
import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { DISPATCH_MAX_PHOTOS } from '@yiqi/shared/contracts/dispatch';
import { useMessages } from '../../lib/i18n.tsx';
import { shrinkPhoto } from '../../lib/photo.ts';
import { dispatchMessages } from './messages.ts';

/**
 * Up to three photos for an order or a completion report: a large button opening the camera or gallery,
 * previews each with a remove button. Photos are shrunk and re-encoded in the browser (web/src/lib/photo.ts);
 * the server reads the type from the bytes, enforces the size limit and strips metadata again.
 * The value is the list of base64 JPEGs, as the API takes them.
 */
export function PhotosPick({
  value,
  onChange,
  testId,
}: {
  value: string[];
  onChange: (photos: string[]) => void;
  testId: string;
}) {
  const t = useMessages(dispatchMessages);
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);
  const pick = async (files: File[]) => {
    if (files.length === 0) return;
    setBusy(true);
    setError(false);
    const added: string[] = [];
    for (const f of files.slice(0, DISPATCH_MAX_PHOTOS - value.length)) {
      try {
        added.push(await shrinkPhoto(f));
      } catch {
        setError(true); // not an image the browser can decode: the others are kept
      }
    }
    onChange([...value, ...added]);
    setBusy(false);
  };
  return (
    <Flex vertical gap={8}>
      <Typography.Text>{t.photos}</Typography.Text>
      {value.length > 0 && (
        <Flex gap={8} wrap>
          {value.map((b64, i) => (
            <div key={i} style={{ position: 'relative', width: 104, height: 104 }}>
              <img
                src={`data:image/jpeg;base64,${b64}`}
                alt={`${t.orderPhotos} ${i + 1}`}
                style={{ width: 104, height: 104, objectFit: 'cover', borderRadius: 8 }}
              />
              <Button
                shape="circle"
                danger
                icon={<DeleteOutlined aria-hidden />}
                aria-label={`${t.removePhoto} ${i + 1}`}
                title={t.removePhoto}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
                // A fixed circle: the phone theme's 44 px control height would stretch it into an oval.
                style={{ position: 'absolute', top: 4, right: 4, width: 36, height: 36, minWidth: 36 }}
              />
            </div>
          ))}
        </Flex>
      )}
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        data-testid={testId}
        // Not the `hidden` attribute: a style sheet's display rule for inputs would show it again.
        style={{ display: 'none' }}
        onChange={(e) => {
          void pick([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      {value.length < DISPATCH_MAX_PHOTOS && (
        <Button
          icon={<CameraOutlined aria-hidden />}
          loading={busy}
          onClick={() => input.current?.click()}
          style={{ minHeight: 44, alignSelf: 'flex-start' }}
        >
          {t.addPhoto}
        </Button>
      )}
      {error && <Typography.Text type="danger">{t.photoError}</Typography.Text>}
    </Flex>
  );
}

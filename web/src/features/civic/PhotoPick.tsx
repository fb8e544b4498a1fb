import { useRef, useState } from 'react';
import { Button, Flex, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useMessages } from '../../lib/i18n.tsx';
import { civicMessages } from './messages.ts';
import { shrinkPhoto } from '../../lib/photo.ts';

/** One photo: a large button opening the camera or gallery, then a preview; the value is base64 JPEG. */
export function PhotoPick({
  label,
  hint,
  value,
  onChange,
  testId,
}: {
  label: string;
  hint?: string;
  value: string | undefined;
  onChange: (b64: string | undefined) => void;
  testId: string;
}) {
  const t = useMessages(civicMessages);
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(false);
    try {
      onChange(await shrinkPhoto(file));
    } catch {
      setError(true);
      onChange(undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={4} style={{ flex: 1, minWidth: 140 }}>
      <Typography.Text strong>{label}</Typography.Text>
      {hint && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hint}
        </Typography.Text>
      )}
      {value && (
        <img
          src={`data:image/jpeg;base64,${value}`}
          alt={label}
          style={{ width: '100%', maxHeight: 180, objectFit: 'cover', borderRadius: 8 }}
        />
      )}
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        capture="environment"
        data-testid={testId}
        hidden
        onChange={(e) => {
          void pick(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <Button
        icon={<CameraOutlined aria-hidden />}
        loading={busy}
        onClick={() => input.current?.click()}
        style={{ minHeight: 44 }}
      >
        {value ? t.retake : t.choosePhoto}
      </Button>
      {error && <Typography.Text type="danger">{t.photoFailed}</Typography.Text>}
    </Flex>
  );
}

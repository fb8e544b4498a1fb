import { useEffect, useState } from 'react';
import { toDataURL } from 'qrcode';

/** A QR code of `text`, drawn as a PNG (crisp when scaled: generated at 1024 px). */
export function QrImage({
  text,
  size,
  alt,
  dim,
}: {
  text: string;
  size: string;
  alt: string;
  dim?: boolean;
}) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 1024 })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text]);
  return (
    <div
      style={{
        width: size,
        height: size,
        background: '#fff',
        opacity: dim ? 0.25 : 1,
        transition: 'opacity 0.3s',
      }}
    >
      {src && (
        <img
          src={src}
          alt={alt}
          data-testid="qr-image"
          style={{ width: '100%', height: '100%', imageRendering: 'pixelated', display: 'block' }}
        />
      )}
    </div>
  );
}

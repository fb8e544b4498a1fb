import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Spin, Typography } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { cameraProblem, createDecoder, parseToken, type CameraProblem } from './qr.ts';
import { scanMessages } from './scan.messages.ts';

type State = 'starting' | 'scanning' | CameraProblem;

const PROBLEM_TEXT = {
  unsupported: 'cameraUnsupported',
  denied: 'cameraDenied',
  unavailable: 'cameraUnavailable',
} as const;

/** The back camera in a square frame, read a few times a second until it shows a check-in code. */
export function QrScanner({ onToken }: { onToken: (token: string) => void }) {
  const t = useMessages(scanMessages);
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<State>('starting');
  const [attempt, setAttempt] = useState(0);
  const [foreign, setForeign] = useState(false);
  const found = useRef(onToken);
  useEffect(() => {
    found.current = onToken;
  });

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
    const run = async () => {
      if (!navigator.mediaDevices?.getUserMedia) return setState('unsupported');
      setState('starting');
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' } },
          audio: false,
        });
      } catch (e) {
        if (!stopped) setState(cameraProblem(e));
        return;
      }
      const el = video.current;
      if (stopped || !el) return stop();
      el.srcObject = stream;
      await el.play().catch(() => undefined);
      const decode = await createDecoder();
      if (stopped) return;
      setState('scanning');
      const tick = async () => {
        if (stopped) return;
        const text = await decode(el).catch(() => null);
        const token = text ? parseToken(text) : null;
        if (token) {
          stop();
          return found.current(token);
        }
        if (text) setForeign(true);
        timer = setTimeout(() => void tick(), 250);
      };
      void tick();
    };
    void run();
    return stop;
  }, [attempt]);

  if (state !== 'starting' && state !== 'scanning')
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="camera-problem"
        title={t[PROBLEM_TEXT[state]]}
        action={
          state !== 'unsupported' && (
            <Button size="small" onClick={() => setAttempt((n) => n + 1)}>
              {t.retryCamera}
            </Button>
          )
        }
      />
    );
  return (
    <Flex vertical gap={8} align="center">
      <div
        style={{
          position: 'relative',
          width: '100%',
          maxWidth: 360,
          aspectRatio: '1',
          background: '#000',
          borderRadius: 12,
          overflow: 'hidden',
        }}
      >
        <video ref={video} muted playsInline style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
        <div
          aria-hidden
          style={{
            position: 'absolute',
            inset: '15%',
            border: '3px solid rgba(255,255,255,0.85)',
            borderRadius: 12,
            boxShadow: '0 0 0 9999px rgba(0,0,0,0.35)',
          }}
        />
        {state === 'starting' && (
          <Flex align="center" justify="center" style={{ position: 'absolute', inset: 0 }}>
            <Spin description={<span style={{ color: '#fff' }}>{t.cameraStarting}</span>} />
          </Flex>
        )}
      </div>
      <Typography.Text type={foreign ? 'warning' : 'secondary'}>
        {foreign ? t.notOurCode : t.aim}
      </Typography.Text>
    </Flex>
  );
}

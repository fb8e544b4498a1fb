import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Typography } from 'antd';
import { FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { Loading } from '../../shell/Loading.tsx';
import { ActivityNav, WithActivity } from './ActivityNav.tsx';
import { getSiteCode, keys, scanUrl, type ActivityDetail } from './api.ts';
import { attendanceMessages } from './attendance.messages.ts';
import { Countdown } from './Countdown.tsx';
import { QrImage } from './QrImage.tsx';
import { allShifts } from './ShiftSelect.tsx';

const POLL_MS = 3000;

/**
 * /activities/:id/qr — the rotating site code for a screen at the entrance: one QR and one six-digit short
 * code for every position and shift of the activity's site, so whoever scans it is checked in to the shift
 * they hold (links from a shift's row still carry ?shift=, which no longer changes the code).
 */
export default function QrPage() {
  const { id = '' } = useParams();
  return <WithActivity id={id}>{(a) => <QrScreen activity={a} />}</WithActivity>;
}

/** Whether an element of the page is in the browser's full-screen mode. */
function useFullscreen(): boolean {
  const [on, setOn] = useState(() => Boolean(document.fullscreenElement));
  useEffect(() => {
    const sync = () => setOn(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  return on;
}

function QrScreen({ activity }: { activity: ActivityDetail }) {
  const t = useMessages(attendanceMessages);
  const hasShifts = allShifts(activity).length > 0;
  const panel = useRef<HTMLDivElement>(null);
  const fullscreen = useFullscreen();
  const q = useQuery({
    queryKey: keys.siteCode(activity.id),
    queryFn: ({ signal }) => getSiteCode(activity.id, signal),
    enabled: hasShifts,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: 0,
    retry: false,
    placeholderData: keepPreviousData,
  });
  const toggle = () =>
    void (fullscreen ? document.exitFullscreen() : panel.current?.requestFullscreen())?.catch(
      () => undefined,
    );
  const size = fullscreen ? 'min(68vh, 90vw)' : 'min(42vh, 420px)';

  return (
    <Flex vertical gap={16}>
      <ActivityNav activity={activity} current="qr" />
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <Typography.Text type="secondary">{t.siteNote}</Typography.Text>
          <div style={{ flex: 1 }} />
          <Button
            icon={<FullscreenOutlined aria-hidden />}
            disabled={!hasShifts}
            onClick={toggle}
            data-testid="fullscreen"
          >
            {t.fullscreen}
          </Button>
        </Flex>
      </Card>
      {!hasShifts ? (
        <Empty description={t.noShifts} />
      ) : (
        <div
          ref={panel}
          style={{
            background: '#fff',
            borderRadius: fullscreen ? 0 : 8,
            padding: fullscreen ? 24 : '24px 16px',
            minHeight: fullscreen ? '100vh' : undefined,
            display: 'flex',
            flexDirection: 'column',
            alignItems: 'center',
            justifyContent: 'center',
            gap: 12,
          }}
        >
          <Typography.Title level={fullscreen ? 1 : 3} style={{ margin: 0, textAlign: 'center' }}>
            {activity.title}
          </Typography.Title>
          <Typography.Text style={{ fontSize: fullscreen ? 24 : 16 }}>{activity.address}</Typography.Text>
          {q.data ? (
            <QrImage text={scanUrl(q.data.token)} size={size} alt={t.qrAlt} dim={q.isError} />
          ) : q.isError ? null : (
            <Loading />
          )}
          {q.isError && <Alert type="error" showIcon title={q.error.message} role="alert" />}
          {q.data && (
            <Flex vertical align="center" gap={0}>
              <Typography.Text type="secondary" style={{ fontSize: fullscreen ? 20 : 14 }}>
                {t.shortCodeLabel}
              </Typography.Text>
              <Typography.Text
                strong
                data-testid="site-short-code"
                aria-label={q.data.code.split('').join(' ')}
                style={{
                  fontSize: fullscreen ? 96 : 56,
                  letterSpacing: '0.2em',
                  fontVariantNumeric: 'tabular-nums',
                  lineHeight: 1.1,
                  opacity: q.isError ? 0.3 : 1,
                }}
              >
                {q.data.code}
              </Typography.Text>
            </Flex>
          )}
          {q.data && !q.isError && (
            <Countdown until={q.data.expiresAt} total={q.data.stepSeconds} template={t.refreshIn} />
          )}
          <Typography.Text type="secondary" style={{ fontSize: fullscreen ? 20 : 14, textAlign: 'center' }}>
            {t.scanHint}
          </Typography.Text>
          {fullscreen && (
            <Button
              icon={<FullscreenExitOutlined aria-hidden />}
              onClick={toggle}
              style={{ position: 'fixed', top: 16, right: 16 }}
            >
              {t.exitFullscreen}
            </Button>
          )}
          {!fullscreen && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmt(t.rotates, { n: q.data?.stepSeconds ?? 30 })}
            </Typography.Text>
          )}
        </div>
      )}
    </Flex>
  );
}

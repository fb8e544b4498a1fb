import { useEffect, useState } from 'react';
import { Flex, Progress, Typography } from 'antd';
import { fmt } from '../../../lib/i18n.tsx';

/** Seconds left until `until`, ticking, with a bar over the whole step. */
export function Countdown({ until, total, template }: { until: string; total: number; template: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, []);
  // The screen's clock may differ from the server's: never show less than 0 or more than a step.
  const left = Math.min(total, Math.max(0, Math.ceil((new Date(until).getTime() - now) / 1000)));
  return (
    <Flex vertical align="center" gap={4} style={{ width: '100%', maxWidth: 420 }}>
      <Typography.Text type="secondary" style={{ fontSize: 16 }} data-testid="qr-countdown">
        {fmt(template, { n: left })}
      </Typography.Text>
      <Progress percent={total ? (left / total) * 100 : 0} showInfo={false} size="small" />
    </Flex>
  );
}

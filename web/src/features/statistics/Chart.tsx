import { useEffect, useRef, useState } from 'react';
import { Spin } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';

type Instance = {
  setOption: (o: EChartsCoreOption, notMerge?: boolean) => void;
  resize: () => void;
  dispose: () => void;
};

/** An ECharts chart, its library loaded on first use (a lazy chunk); resizes with its box. */
export function Chart({
  option,
  height = 280,
  label,
}: {
  option: EChartsCoreOption;
  height?: number;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Instance | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let alive = true;
    let observer: ResizeObserver | undefined;
    void import('./echarts.ts').then(({ init }) => {
      if (!alive || !box.current) return;
      chart.current = init(box.current) as unknown as Instance;
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(box.current);
      setReady(true);
    });
    return () => {
      alive = false;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    if (ready) chart.current?.setOption(option, true);
  }, [ready, option]);
  return (
    <div style={{ position: 'relative' }}>
      {!ready && (
        <Spin aria-busy="true" style={{ position: 'absolute', inset: 0, margin: 'auto', height: 32 }} />
      )}
      <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />
    </div>
  );
}

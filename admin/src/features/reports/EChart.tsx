import * as echarts from 'echarts';
import { type CSSProperties, useEffect, useRef } from 'react';

interface Props {
  option: echarts.EChartsOption;
  height?: number;
  style?: CSSProperties;
  /** Called when a data item is clicked (bar, slice, point). */
  onItemClick?: (params: { name: string; seriesName?: string; dataIndex: number }) => void;
  'data-testid'?: string;
}

/** A minimal echarts host: one instance per element, resized with its box, disposed on unmount. */
export function EChart({ option, height = 300, style, onItemClick, 'data-testid': testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (p) => {
      clickRef.current?.({
        name: String(p.name ?? ''),
        seriesName: p.seriesName,
        dataIndex: p.dataIndex,
      });
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} data-testid={testId} style={{ width: '100%', height, ...style }} />;
}

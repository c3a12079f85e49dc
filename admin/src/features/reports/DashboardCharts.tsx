import { roundHours } from '@shared/hours';
import { Alert, Card, Col, Empty, Row, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { type EChartsOption, format } from 'echarts';
import { type ReactNode, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { EChart } from './EChart';
import {
  type DashboardSeries,
  notAvailable,
  recordsLink,
  type Scope,
  useDashboardSeries,
  useIndicators,
} from './reportApi';

const RED = '#c8161d';
const palette = [
  '#c8161d',
  '#fa8c16',
  '#1677ff',
  '#389e0d',
  '#7c3aed',
  '#13c2c2',
  '#eb2f96',
  '#faad14',
  '#2f54eb',
];

const yuan = (v: number) =>
  Math.abs(v) >= 10_000 ? `${(v / 10_000).toFixed(2)}万元` : `${v.toLocaleString('zh-CN')}元`;

const baseGrid = { left: 8, right: 8, top: 40, bottom: 8, containLabel: true } as const;
const legend = { top: 0, type: 'scroll' } as const;

function volunteerOption(d: DashboardSeries): EChartsOption {
  const rows = d.volunteerByMonth;
  return {
    color: [RED, '#1677ff'],
    tooltip: { trigger: 'axis' },
    legend,
    grid: baseGrid,
    xAxis: { type: 'category', data: rows.map((r) => r.month) },
    yAxis: [
      { type: 'value', name: '人次', minInterval: 1 },
      { type: 'value', name: '小时', splitLine: { show: false } },
    ],
    series: [
      { name: '服务人次', type: 'bar', data: rows.map((r) => r.participations), barMaxWidth: 24 },
      {
        name: '服务时长（小时）',
        type: 'line',
        yAxisIndex: 1,
        smooth: true,
        data: rows.map((r) => roundHours(r.hours)),
      },
    ],
  };
}

function admissionsOption(d: DashboardSeries): EChartsOption {
  const rows = d.admissionsByMonth;
  const stages = [
    ['applied', '申请入团'],
    ['activist', '确定积极分子'],
    ['candidate', '确定发展对象'],
    ['admitted', '入团'],
  ] as const;
  return {
    color: ['#ffc069', '#fa8c16', '#1677ff', RED],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend,
    grid: baseGrid,
    xAxis: { type: 'category', data: rows.map((r) => r.month) },
    yAxis: { type: 'value', name: '人', minInterval: 1 },
    series: stages.map(([key, name]) => ({
      name,
      type: 'bar',
      stack: 'stage',
      barMaxWidth: 24,
      data: rows.map((r) => r[key]),
    })),
  };
}

function domainOption(d: DashboardSeries): EChartsOption {
  const rows = [...d.orgsByDomain].filter((r) => r.count > 0).sort((a, b) => b.count - a.count);
  return {
    color: palette,
    tooltip: {
      trigger: 'item',
      // A tooltip is HTML: names come from the data (a domain, a region) and are escaped, never markup.
      formatter: (p: unknown) => {
        const item = p as { name: string; value: number; percent: number };
        return `${format.encodeHTML(item.name)}：${item.value}个（${item.percent}%）`;
      },
    },
    series: [
      {
        name: '团组织',
        type: 'pie',
        radius: ['30%', '55%'],
        center: ['50%', '50%'],
        labelLine: { length: 8, length2: 8 },
        avoidLabelOverlap: true,
        label: { formatter: '{b}\n{c}个' },
        data: rows.map((r) => ({ name: r.domain, value: r.count })),
      },
    ],
  };
}

function townshipOption(d: DashboardSeries): EChartsOption {
  const rows = d.townshipCoverage;
  const names = rows.map((r) => r.name);
  const zero = new Set(rows.filter((r) => r.youthHomes === 0).map((r) => r.name));
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const first = (Array.isArray(p) ? p[0] : p) as { name: string; value: number };
        // Region names are data: escaped, so a name can never be markup in the tooltip's HTML.
        const name = format.encodeHTML(first.name);
        return first.value > 0
          ? `${name}：青年之家 ${first.value} 个`
          : `${name}：<b style="color:${RED}">尚未覆盖</b>`;
      },
    },
    grid: { ...baseGrid, top: 24, right: 56 },
    xAxis: { type: 'value', name: '个', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      axisLabel: {
        formatter: (v: string) => (zero.has(v) ? `{zero|${v}}` : v),
        rich: { zero: { color: RED, fontWeight: 'bold' } },
      },
    },
    series: [
      {
        name: '青年之家',
        type: 'bar',
        barMaxWidth: 18,
        data: rows.map((r) =>
          r.youthHomes > 0
            ? { value: r.youthHomes, itemStyle: { color: '#1677ff' } }
            : {
                value: 0,
                itemStyle: { color: RED },
                label: { show: true, position: 'right', formatter: '未覆盖', color: RED, fontWeight: 'bold' },
              },
        ),
        label: { show: true, position: 'right', formatter: '{c}' },
      },
    ],
  };
}

function aidOption(d: DashboardSeries): EChartsOption {
  const rows = d.aidByMonth;
  return {
    color: ['#fa8c16', RED],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => (typeof v === 'number' ? yuan(v) : String(v ?? '')),
    },
    legend,
    grid: baseGrid,
    xAxis: { type: 'category', data: rows.map((r) => r.month) },
    yAxis: {
      type: 'value',
      name: '元',
      axisLabel: { formatter: (v: number) => (v >= 10_000 ? `${v / 10_000}万` : String(v)) },
    },
    series: [
      { name: '募集助学资金', type: 'bar', barMaxWidth: 18, data: rows.map((r) => r.raised) },
      { name: '发放助学金', type: 'bar', barMaxWidth: 18, data: rows.map((r) => r.granted) },
    ],
  };
}

function ChartCard({
  title,
  hint,
  children,
  empty,
}: {
  title: string;
  hint?: string;
  children: ReactNode;
  empty: boolean;
}) {
  return (
    <Card
      size="small"
      title={title}
      extra={
        hint ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hint}
          </Typography.Text>
        ) : undefined
      }
      style={{ height: '100%' }}
    >
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期间无数据" style={{ margin: '48px 0' }} />
      ) : (
        children
      )}
    </Card>
  );
}

/** Month of a chart item, clipped to the period: where a click on a bar leads. */
function monthScope(scope: Scope, month: string): Scope {
  const m = dayjs(`${month}-01`);
  const from = m.isBefore(dayjs(scope.from)) ? scope.from : m.format('YYYY-MM-DD');
  const end = m.endOf('month');
  const to = end.isAfter(dayjs(scope.to)) ? scope.to : end.format('YYYY-MM-DD');
  return { ...scope, from, to };
}

export function DashboardCharts({ scope }: { scope: Scope }) {
  const q = useDashboardSeries(scope);
  const navigate = useNavigate();
  // A bar opens its records only where the server would show them to this user (the source list's permission).
  const indicators = useIndicators();
  const drillable = (indicator: string) => indicators.byKey.get(indicator)?.drillable === true;
  const d = q.data;

  const options = useMemo(
    () =>
      d
        ? {
            volunteer: volunteerOption(d),
            admissions: admissionsOption(d),
            domains: domainOption(d),
            townships: townshipOption(d),
            aid: aidOption(d),
          }
        : null,
    [d],
  );

  if (q.isError) {
    return (
      <Alert
        type={notAvailable(q.error) ? 'info' : 'error'}
        showIcon
        title={
          notAvailable(q.error) ? '统计图表服务尚未开通（/api/reports/dashboard）' : errorMessage(q.error)
        }
      />
    );
  }
  if (!d || !options) return <Skeleton active paragraph={{ rows: 8 }} />;

  const drill = (indicator: string, month: string) => {
    if (drillable(indicator)) navigate(recordsLink(indicator, monthScope(scope, month)));
  };
  const sum = <T,>(rows: T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);
  const zeroTownships = d.townshipCoverage.filter((t) => t.youthHomes === 0).length;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <ChartCard
          title="志愿服务人次与时长（按月）"
          hint={drillable('volunteer.participations') ? '点击柱形查看当月记录' : undefined}
          empty={sum(d.volunteerByMonth, (r) => r.participations + r.hours) === 0}
        >
          <EChart
            data-testid="chart-volunteer"
            option={options.volunteer}
            onItemClick={(p) => {
              const row = d.volunteerByMonth[p.dataIndex];
              if (row) drill('volunteer.participations', row.month);
            }}
          />
        </ChartCard>
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard
          title="入团各阶段人数（按月）"
          hint={drillable('admission.admitted') ? '点击查看当月入团' : undefined}
          empty={sum(d.admissionsByMonth, (r) => r.applied + r.activist + r.candidate + r.admitted) === 0}
        >
          <EChart
            data-testid="chart-admissions"
            option={options.admissions}
            onItemClick={(p) => {
              const row = d.admissionsByMonth[p.dataIndex];
              if (row) drill('admission.admitted', row.month);
            }}
          />
        </ChartCard>
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard title="团组织所属领域" empty={sum(d.orgsByDomain, (r) => r.count) === 0}>
          <EChart data-testid="chart-org-domains" option={options.domains} />
        </ChartCard>
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard
          title="青年之家乡镇覆盖"
          hint={zeroTownships ? `${zeroTownships}个乡镇未覆盖（红色）` : '各乡镇均已覆盖'}
          empty={d.townshipCoverage.length === 0}
        >
          <EChart
            data-testid="chart-township-coverage"
            option={options.townships}
            height={Math.max(240, d.townshipCoverage.length * 30 + 40)}
          />
        </ChartCard>
      </Col>
      <Col xs={24}>
        <ChartCard
          title="助学资金募集与发放（按月）"
          hint={drillable('aid.granted') ? '点击柱形查看当月记录' : undefined}
          empty={sum(d.aidByMonth, (r) => r.raised + r.granted) === 0}
        >
          <EChart
            data-testid="chart-aid"
            option={options.aid}
            onItemClick={(p) => {
              const row = d.aidByMonth[p.dataIndex];
              if (row) drill(p.seriesName === '发放助学金' ? 'aid.granted' : 'aid.raised', row.month);
            }}
          />
        </ChartCard>
      </Col>
    </Row>
  );
}

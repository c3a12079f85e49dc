import { Alert, Card, Grid, Table, type TableColumnsType } from 'antd';
import { errorMessage } from '../../api/client';
import type { IndicatorMeta } from './indicators';
import { leadLabel } from './indicators';
import { FigureLink } from './LeadCards';
import { notAvailable, type Scope, useCompare, type useIndicators } from './reportApi';

interface IndicatorRow {
  meta: IndicatorMeta;
  leadSpan: number;
}

/** 各县对比: one row per indicator, one column per county directly below the scope org. */
export function CompareTable({
  scope,
  indicators,
}: {
  scope: Scope;
  indicators: ReturnType<typeof useIndicators>;
}) {
  const q = useCompare(scope, true);
  const screens = Grid.useBreakpoint();
  const isMobile = !screens.md;
  const sheets = q.data?.items ?? [];

  const rows: IndicatorRow[] = [];
  for (const [, metas] of indicators.byLead) {
    metas.forEach((meta, i) => {
      rows.push({ meta, leadSpan: i === 0 ? metas.length : 0 });
    });
  }

  const columns: TableColumnsType<IndicatorRow> = [
    {
      title: '引领',
      key: 'lead',
      width: 90,
      fixed: 'left',
      responsive: ['md'],
      render: (_, r) => leadLabel(r.meta.lead),
      onCell: (r) => ({ rowSpan: r.leadSpan }),
    },
    {
      title: '指标',
      key: 'label',
      width: isMobile ? 112 : 170,
      fixed: 'left',
      render: (_, r) => r.meta.label,
    },
    ...sheets.map((s) => ({
      title: s.org.name,
      key: s.org.code,
      align: 'right' as const,
      width: isMobile ? 100 : 140,
      render: (_: unknown, r: IndicatorRow) => (
        <FigureLink meta={r.meta} value={s.indicators[r.meta.key]} scope={{ ...scope, org: s.org.code }} />
      ),
    })),
  ];

  return (
    <Card size="small" title="各县对比" data-testid="compare-card">
      {q.isError ? (
        <Alert
          type={notAvailable(q.error) ? 'info' : 'error'}
          showIcon
          title={
            notAvailable(q.error) ? '各县对比服务尚未开通（/api/reports/compare）' : errorMessage(q.error)
          }
        />
      ) : (
        <Table<IndicatorRow>
          data-testid="compare-table"
          size="small"
          bordered
          loading={q.isFetching}
          rowKey={(r) => r.meta.key}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
    </Card>
  );
}

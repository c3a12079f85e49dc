import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { http, saveFile } from '../../api/http';
import { usePagedTable } from '../../app/usePagedTable';
import { formatFigure, leadLabel } from './indicators';
import { notAvailable, useAnswerSheet, useIndicators } from './reportApi';

type Item = Record<string, unknown>;

const ROW_KEY = '__row';

function cell(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number')
    return v.toLocaleString('zh-CN', { maximumFractionDigits: 2, useGrouping: false });
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v && 'name' in v) return String((v as { name: unknown }).name);
  return JSON.stringify(v);
}

/** The records behind one figure: /reports/records?indicator=&org=&from=&to= */
export default function RecordsPage() {
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const indicator = params.get('indicator') ?? '';
  const org = params.get('org') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const scope = { org, from, to };
  const indicators = useIndicators();
  const meta = indicators.byKey.get(indicator);
  const sheet = useAnswerSheet(scope, Boolean(indicator));
  const table = usePagedTable(
    'report-records',
    '/api/reports/records',
    { indicator, org, from, to },
    { enabled: Boolean(indicator && org && from && to) },
  );
  const data = table.query.data;
  // The columns differ per indicator (the answer names them): rows are read by the keys it gives.
  const items = (data?.items ?? []) as Item[];
  const [exporting, setExporting] = useState(false);

  const columns: TableColumnsType<Item> = (data?.columns ?? []).map((c) => {
    const values = items.map((r) => r[c.key]).filter((v) => v !== null && v !== undefined);
    const numeric = values.length > 0 && values.every((v) => typeof v === 'number');
    return {
      title: c.title,
      dataIndex: c.key,
      key: c.key,
      align: numeric ? ('right' as const) : undefined,
      render: (v: unknown) => cell(v),
    };
  });

  // Records have no common id; the position on the page is stable for one answer.
  const rows = items.map((r, i) => ({ ...r, [ROW_KEY]: (table.page - 1) * table.pageSize + i }));

  const figure = sheet.data?.indicators[indicator];
  const title = meta?.label ?? indicator;
  const backQuery = new URLSearchParams({ org, from, to }).toString();

  const doExport = async () => {
    setExporting(true);
    try {
      const name = await saveFile(
        () =>
          http.GET('/api/reports/records/export', {
            params: { query: { indicator, org, from, to } },
            parseAs: 'stream',
          }),
        `${title}-${org}-${from}至${to}.xlsx`,
      );
      message.success(`已导出 ${name}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  if (!indicator || !org || !from || !to) {
    return <Alert type="warning" showIcon title="缺少指标、组织或期间参数" />;
  }

  return (
    <>
      <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <div style={{ minWidth: 0 }}>
          <Button
            type="link"
            size="small"
            icon={<ArrowLeftOutlined />}
            style={{ padding: 0 }}
            onClick={() => (location.key !== 'default' ? navigate(-1) : navigate(`/?${backQuery}`))}
          >
            返回
          </Button>
          <Typography.Title level={4} style={{ margin: '4px 0 0' }} data-testid="drilldown-title">
            {title}：{figure !== undefined && meta ? formatFigure(figure, meta.unit) : '…'}
          </Typography.Title>
          <Typography.Text type="secondary">
            {meta ? `${leadLabel(meta.lead)} · ` : ''}
            {sheet.data?.org.name ?? org}（含下级组织） · {from} 至 {to}
          </Typography.Text>
        </div>
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void doExport()}
          data-testid="drilldown-export"
        >
          导出Excel
        </Button>
      </Flex>
      {table.query.isError && (
        <Alert
          type={notAvailable(table.query.error) ? 'info' : 'error'}
          showIcon
          title={
            notAvailable(table.query.error)
              ? '明细查询服务尚未开通，或该指标没有明细记录'
              : errorMessage(table.query.error)
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Card size="small">
        <Table<Item>
          data-testid="drilldown-table"
          size="small"
          rowKey={(r) => String(r[ROW_KEY])}
          columns={columns}
          dataSource={rows}
          loading={table.loading}
          pagination={table.pagination}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  );
}

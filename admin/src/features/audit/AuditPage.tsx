import {
  Alert,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import type { Item } from '../../api/http';
import { todayAsDayjs } from '../../app/dates';
import { formatDateTime } from '../../app/forms';
import { auditActionLabels, auditEntityLabels, label, optionsOf } from '../../app/labels';
import { usePagedTable, useUrlFilters } from '../../app/usePagedTable';
import { useOrgIndex, useOrgList } from '../orgs/orgTree';

type AuditEntry = Item<'/api/audit'>;

const filterKeys = ['action', 'username', 'entity', 'from', 'to'] as const;

const actionColors: Record<string, string> = {
  create: 'green',
  update: 'blue',
  move: 'geekblue',
  revoke: 'volcano',
  import: 'cyan',
  export: 'purple',
  reveal: 'orange',
  login: 'default',
  login_failed: 'red',
  logout: 'default',
  grant_confidential: 'magenta',
  password_change: 'blue',
  password_reset: 'orange',
  disable: 'red',
  enable: 'green',
};

export default function AuditPage() {
  const { filters, setFilters } = useUrlFilters(filterKeys);
  const [username, setUsername] = useState(filters.username ?? '');
  const table = usePagedTable('audit', '/api/audit', filters);
  const orgs = useOrgList();
  const { byCode } = useOrgIndex(orgs.data);

  const columns: TableColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', render: formatDateTime, width: 170 },
    { title: '用户', dataIndex: 'username', render: (v: string | null) => v || '—' },
    {
      title: '操作',
      dataIndex: 'action',
      render: (v: string) => <Tag color={actionColors[v] ?? 'default'}>{label(auditActionLabels, v)}</Tag>,
    },
    {
      title: '对象',
      key: 'entity',
      render: (_, e) =>
        e.entity ? (
          <span>
            {e.entityLabel ?? label(auditEntityLabels, e.entity)}
            {e.entityId && (
              <span style={{ color: '#999', marginLeft: 4, fontFamily: 'monospace' }}>{e.entityId}</span>
            )}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: '组织',
      dataIndex: 'orgCode',
      render: (v: string | null) => (v ? (byCode.get(v)?.name ?? v) : '—'),
    },
    {
      title: '摘要',
      dataIndex: 'summary',
      render: (v: string | null) => (
        <span style={{ display: 'inline-block', maxWidth: 360 }}>{v || '—'}</span>
      ),
    },
    {
      title: 'IP',
      dataIndex: 'ip',
      render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v || '—'}</span>,
    },
  ];

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        审计日志
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="操作">
            <Select
              allowClear
              placeholder="全部"
              value={filters.action}
              onChange={(v?: string) => setFilters({ action: v ?? null })}
              options={optionsOf(auditActionLabels)}
              style={{ width: 150 }}
              data-testid="audit-action"
            />
          </Form.Item>
          <Form.Item label="用户名">
            <Input.Search
              allowClear
              value={username}
              onChange={(e) => {
                setUsername(e.target.value);
                if (!e.target.value) setFilters({ username: null });
              }}
              onSearch={(v) => setFilters({ username: v.trim() || null })}
              style={{ width: 180 }}
            />
          </Form.Item>
          <Form.Item label="对象">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部"
              value={filters.entity}
              onChange={(v?: string) => setFilters({ entity: v ?? null })}
              options={Object.entries(auditEntityLabels).map(([value, text]) => ({ value, label: text }))}
              style={{ width: 150 }}
            />
          </Form.Item>
          <Form.Item label="日期">
            <DatePicker.RangePicker
              value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
              onChange={(range) =>
                setFilters({
                  from: range?.[0]?.format('YYYY-MM-DD') ?? null,
                  to: range?.[1]?.format('YYYY-MM-DD') ?? null,
                })
              }
              allowEmpty={[true, true]}
              disabledDate={(d) => d.isAfter(todayAsDayjs().endOf('day'))}
            />
          </Form.Item>
        </Form>
      </Card>
      {table.query.isError && (
        <Alert type="error" showIcon title={errorMessage(table.query.error)} style={{ marginBottom: 16 }} />
      )}
      <Card size="small">
        <Table<AuditEntry>
          data-testid="audit-table"
          size="small"
          rowKey={(e) => String(e.id)}
          columns={columns}
          dataSource={table.items}
          loading={table.loading}
          pagination={table.pagination}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '没有符合条件的记录' }}
        />
      </Card>
    </>
  );
}

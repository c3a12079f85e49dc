import { Card, Progress, Table, Tag } from 'antd';
import type { Scope } from '../reports/reportApi';
import { venueKinds, venueStatuses } from './labels';
import { AddButton, named, optionsOfMap, ServiceFormModal, ServiceList, useServiceQuery } from './serviceKit';

/** 阵地 and the township coverage of 青年之家 (a home in a village counts for its township). */
export function VenuesTab({ scope }: { scope: Scope }) {
  const c = useServiceQuery('/venues/coverage', scope);
  return (
    <>
      <Card
        size="small"
        title="乡镇青年之家覆盖（截至期末）"
        style={{ marginBottom: 16 }}
        data-testid="venue-coverage"
      >
        {c.data && (
          <>
            <div style={{ marginBottom: 8 }}>
              {c.data.covered} / {c.data.townships} 个乡镇（街道）已建青年之家
              <Progress percent={Math.round(c.data.coverage * 1000) / 10} size="small" />
            </div>
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={c.data.items}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: '乡镇（街道）', dataIndex: 'name' },
                { title: '青年之家', dataIndex: 'youthHomes' },
                {
                  title: '覆盖',
                  dataIndex: 'covered',
                  render: (v: boolean) =>
                    v ? <Tag color="green">已覆盖</Tag> : <Tag color="red">未覆盖</Tag>,
                },
              ]}
            />
          </>
        )}
      </Card>
      <ServiceList
        title="阵地"
        testId="venue-table"
        path="/venues"
        scope={scope}
        exportPath="/venues/export"
        exportName="阵地.xlsx"
        summary={(d) => `共 ${d.total} 处`}
        actions={
          <AddButton permission="service.write" label="新建阵地">
            {(close) => (
              <ServiceFormModal
                title="新建阵地"
                path="/venues"
                success="已新建"
                onClose={close}
                initial={{ orgCode: scope.org, kind: 'youth_home', status: 'active' }}
                fields={[
                  { name: 'name', label: '阵地名称', required: true },
                  {
                    name: 'kind',
                    label: '类型',
                    kind: 'select',
                    options: optionsOfMap(venueKinds),
                    required: true,
                  },
                  { name: 'regionCode', label: '所在乡镇或村（社区）', kind: 'region', required: true },
                  { name: 'orgCode', label: '所属组织', kind: 'org', required: true },
                  { name: 'openedOn', label: '建成日期', kind: 'date' },
                  { name: 'status', label: '状态', kind: 'select', options: optionsOfMap(venueStatuses) },
                ]}
              />
            )}
          </AddButton>
        }
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (v: string) => venueKinds[v] ?? v },
          { title: '所在地', dataIndex: 'region', render: named },
          { title: '所属组织', dataIndex: 'org', render: named },
          { title: '建成日期', dataIndex: 'openedOn' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (v: string) => (
              <Tag color={v === 'active' ? 'green' : 'default'}>{venueStatuses[v] ?? v}</Tag>
            ),
          },
        ]}
      />
    </>
  );
}

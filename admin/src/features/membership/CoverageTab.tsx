import { Space, Table, Tag, Typography } from 'antd';
import type { Answer } from '../../api/http';
import { ExportButton, useMembership } from './membershipKit';

type Unit = Answer<'/api/membership/coverage'>['units'][number];

/** "有青年人的地方就有团组织": units with their members and youth, the gaps, and branches over 50. */
export function CoverageTab({ org }: { org: string }) {
  const q = useMembership('/coverage', { query: { org } });
  const columns = [
    { title: '单位', dataIndex: 'unit' },
    { title: '团员', dataIndex: 'members' },
    { title: '青年（14–35岁）', dataIndex: 'youth' },
    {
      title: '团组织',
      render: (_: unknown, u: Unit) =>
        u.hasBranch ? (
          <Tag color="green">已建</Tag>
        ) : u.gap ? (
          <Tag color="red">应建未建</Tag>
        ) : (
          <Tag>未建</Tag>
        ),
    },
  ];
  return (
    <div data-testid="coverage-tab">
      <Space wrap style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
        <strong>团员3人以上、尚未建立团组织的单位（{q.data?.gaps.length ?? 0}）</strong>
        <ExportButton path="/coverage/export" query={{ org }} name="团组织覆盖情况.xlsx" />
      </Space>
      <Table<Unit>
        rowKey="unit"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.gaps ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        超过50人的团支部（{q.data?.largeBranches.length ?? 0}）
      </Typography.Title>
      <Table
        rowKey={(r) => r.branch.code}
        size="small"
        dataSource={q.data?.largeBranches ?? []}
        pagination={false}
        columns={[
          { title: '团支部', render: (_, r) => r.branch.name },
          { title: '团员', dataIndex: 'members' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        各单位团员与青年
      </Typography.Title>
      <Table<Unit>
        rowKey="unit"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.units ?? []}
        columns={columns}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}

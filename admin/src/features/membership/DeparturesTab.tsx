import { Button, DatePicker, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { http, type Item, ok } from '../../api/http';
import { useAuth } from '../../app/auth';
import { today } from '../../app/dates';
import {
  departureReasonLabels,
  ExportButton,
  lapseStatusLabels,
  useMembership,
  useMembershipWrite,
} from './membershipKit';

type Due = Item<'/api/membership/ageing-out'>;
type Flag = Item<'/api/membership/lapses/flags'>;
type Lapse = Item<'/api/membership/lapses'>;
type Departure = Item<'/api/membership/departures'>;

/** 离团: members turning 28 without a post, the batch that records their leaving, and 自行脱团. */
export function DeparturesTab({ org }: { org: string }) {
  const { can } = useAuth();
  const [until, setUntil] = useState(dayjs(today()).add(90, 'day').format('YYYY-MM-DD'));
  const [selected, setSelected] = useState<number[]>([]);
  const due = useMembership('/ageing-out', { query: { org, until } });
  const flags = useMembership('/lapses/flags', { query: { org } });
  const lapses = useMembership('/lapses', { query: { org } });
  const departures = useMembership('/departures', { query: { org } });
  const leave = useMembershipWrite(
    (ids: number[]) =>
      ok(
        http.POST('/api/membership/departures', {
          body: { personIds: ids, reason: 'age', leftOn: today() },
        }),
      ),
    (o) => `已办理 ${o.recorded} 人超龄离团`,
    () => setSelected([]),
  );
  const propose = useMembershipWrite(
    (personId: number) => ok(http.POST('/api/membership/lapses', { body: { personId, votedOn: today() } })),
    '已提交支部表决结果，待上级批准',
  );
  const decide = useMembershipWrite(
    ({ id, approve }: { id: number; approve: boolean }) =>
      ok(http.POST('/api/membership/lapses/{id}/decide', { params: { path: { id } }, body: { approve } })),
    '已办结',
  );
  const confirmLeave = () =>
    Modal.confirm({
      title: `为 ${selected.length} 名团员办理超龄离团？`,
      content: '离团后其政治面貌改为群众，入团日期、团员编号和团内经历保留。',
      onOk: () => leave.mutateAsync(selected),
    });
  return (
    <div data-testid="departures-tab">
      <Space wrap style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <strong>年满28周岁、未担任团内职务的团员</strong>
          <span>截至</span>
          <DatePicker
            allowClear={false}
            value={dayjs(until)}
            onChange={(d) => d && setUntil(d.format('YYYY-MM-DD'))}
          />
          {due.data && (
            <Typography.Text type="secondary">
              另有 {due.data.keptByPost} 人担任团内职务，保留团籍
            </Typography.Text>
          )}
        </Space>
        <Space>
          {can('person.write') && (
            <Button danger disabled={selected.length === 0} onClick={confirmLeave}>
              办理离团（{selected.length}）
            </Button>
          )}
          <ExportButton path="/ageing-out/export" query={{ org, until }} name="超龄离团名单.xlsx" />
        </Space>
      </Space>
      <Table<Due>
        rowKey="personId"
        size="small"
        loading={due.isLoading}
        dataSource={due.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        rowSelection={
          can('person.write')
            ? {
                selectedRowKeys: selected,
                onChange: (k) => setSelected(k as number[]),
                getCheckboxProps: (r) => ({ disabled: !r.overdue }),
              }
            : undefined
        }
        columns={[
          { title: '姓名', dataIndex: 'name' },
          {
            title: '证件号码',
            render: (_, r) => <span style={{ fontFamily: 'monospace' }}>{r.idNumberMasked}</span>,
          },
          {
            title: '年满28周岁',
            render: (_, r) => (
              <Space>
                {r.ageOutMonth}
                {r.overdue ? <Tag color="red">已满</Tag> : <Tag color="orange">将满</Tag>}
              </Space>
            ),
          },
          { title: '团支部', render: (_, r) => r.branch.name },
        ]}
      />
      <h4 style={{ marginTop: 16 }}>
        连续6个月未交团费、未参加组织生活、未做团的工作（自 {flags.data?.since ?? '—'} 起）
      </h4>
      <Table<Flag>
        rowKey="personId"
        data-testid="lapse-flags"
        size="small"
        loading={flags.isLoading}
        dataSource={flags.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '团支部', render: (_, r) => r.branch.name },
          { title: '入团日期', render: (_, r) => r.joinedOn ?? '—' },
          {
            title: '操作',
            render: (_, r) =>
              r.actions.includes('propose') && (
                <Button size="small" onClick={() => propose.mutate(r.personId)}>
                  支部表决脱团
                </Button>
              ),
          },
        ]}
      />
      <h4 style={{ marginTop: 16 }}>自行脱团处理</h4>
      <Table<Lapse>
        rowKey="id"
        data-testid="lapses"
        size="small"
        dataSource={lapses.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '团支部', render: (_, r) => r.branch.name },
          { title: '表决日期', dataIndex: 'votedOn' },
          { title: '状态', render: (_, r) => lapseStatusLabels[r.status] },
          {
            title: '上级批准',
            // The committee above decides; the branch that voted sees the case waiting (server's actions).
            render: (_, r) =>
              r.actions.includes('decide') && (
                <Space>
                  <Button size="small" onClick={() => decide.mutate({ id: r.id, approve: true })}>
                    批准
                  </Button>
                  <Button size="small" onClick={() => decide.mutate({ id: r.id, approve: false })}>
                    不批准
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <h4 style={{ marginTop: 16 }}>离团记录</h4>
      <Table<Departure>
        rowKey="id"
        size="small"
        dataSource={departures.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '原因', render: (_, r) => departureReasonLabels[r.reason] },
          { title: '离团日期', dataIndex: 'leftOn' },
          { title: '团支部', render: (_, r) => r.branch.name },
        ]}
      />
    </div>
  );
}

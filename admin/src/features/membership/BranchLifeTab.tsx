import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { http, type Item, ok, type RequestBody } from '../../api/http';
import { useAuth } from '../../app/auth';
import { today } from '../../app/dates';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { MeetingsPanel } from './MeetingsPanel';
import { ExportButton, meetingKindLabels, useMembershipWrite } from './membershipKit';

type RhythmRow = Item<'/api/membership/meetings-rhythm'>;
type Kind = keyof RhythmRow['held'];
type Reminder = Item<'/api/membership/elections/reminders'>;
const reminderLabels: Record<string, string> = { none: '未登记换届', expired: '任期已满', due: '任期将满' };

/** 三会两制一课: each branch's meetings of the year against the rhythm; elections and their reminders. */
export function BranchLifeTab({ org }: { org: string }) {
  const { can } = useAuth();
  const [year, setYear] = useState(Number(today().slice(0, 4)));
  const [election, setElection] = useState(false);
  // The to-do centre links here with ?behind=1: only the branches behind the rhythm.
  const [params] = useSearchParams();
  const [behindOnly, setBehindOnly] = useState(params.get('behind') === '1');
  const rhythm = useQuery({
    queryKey: ['membership', '/meetings-rhythm', { org, year }],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/membership/meetings-rhythm', { params: { query: { org, year } }, signal })),
  });
  const reminders = useQuery({
    queryKey: ['membership', '/elections/reminders', { org }],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/membership/elections/reminders', { params: { query: { org } }, signal })),
  });
  const cell = (r: RhythmRow, k: Kind) => {
    const short = r.behind.includes(k);
    return (
      <span style={{ color: short ? '#cf1322' : undefined }}>
        {r.held[k]}
        {r.expected[k] ? ` / ${r.expected[k]}` : ''}
      </span>
    );
  };
  return (
    <div data-testid="branch-life-tab">
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" />
        <ExportButton path="/meetings-rhythm/export" query={{ org, year }} name="组织生活情况.xlsx" />
        <Checkbox
          checked={behindOnly}
          onChange={(e) => setBehindOnly(e.target.checked)}
          data-testid="rhythm-behind"
        >
          只看未达要求的团支部
        </Checkbox>
        {can('person.write') && (
          <Button icon={<PlusOutlined />} onClick={() => setElection(true)}>
            登记换届
          </Button>
        )}
      </Space>
      <Table<RhythmRow>
        rowKey={(r) => r.branch.code}
        size="small"
        loading={rhythm.isLoading}
        dataSource={(rhythm.data?.items ?? []).filter((r) => !behindOnly || r.behind.length > 0)}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个团支部` }}
        title={() =>
          '已开次数 / 截至上月应开次数（支部大会、团课每季度，支委会每月；红色为不足；发展团员的支部大会计入支部大会）'
        }
        columns={[
          { title: '团支部', render: (_, r) => r.branch.name },
          { title: '团员', dataIndex: 'members' },
          ...(Object.keys(meetingKindLabels) as Kind[]).map((k) => ({
            title: meetingKindLabels[k],
            render: (_: unknown, r: RhythmRow) => cell(r, k),
          })),
        ]}
      />
      <MeetingsPanel org={org} year={year} />
      <h4 style={{ marginTop: 16 }}>换届提醒（90天内任期届满、已届满或未登记）</h4>
      <Table<Reminder>
        rowKey={(r) => r.branch.code}
        size="small"
        loading={reminders.isLoading}
        dataSource={reminders.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '团支部', render: (_, r) => r.branch.name },
          {
            title: '提醒',
            render: (_, r) => (
              <Tag color={r.status === 'due' ? 'orange' : 'red'}>{reminderLabels[r.status]}</Tag>
            ),
          },
          { title: '任期届满', render: (_, r) => r.termEndsOn ?? '—' },
          { title: '书记', render: (_, r) => r.secretaryName ?? '—' },
        ]}
      />
      {election && <ElectionModal onClose={() => setElection(false)} />}
    </div>
  );
}

function ElectionModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm();
  const save = useMembershipWrite(
    (v: Omit<RequestBody<'/api/membership/elections'>, 'heldOn'> & { heldOn: Dayjs }) =>
      ok(
        http.POST('/api/membership/elections', {
          body: { ...v, heldOn: v.heldOn.format('YYYY-MM-DD') },
        }),
      ),
    (o) => `已登记，任期至 ${o.termEndsOn}`,
    onClose,
  );
  return (
    <Modal
      open
      title="登记换届选举"
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => save.mutate(v))}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ termYears: 3, committeeSize: 1 }}>
        <Form.Item name="branchCode" label="团支部" rules={[{ required: true, message: '请选择团支部' }]}>
          <OrgTreeSelect isDisabled={(o) => o.kind !== 'branch'} />
        </Form.Item>
        <Form.Item name="heldOn" label="选举日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="termYears" label="任期（年）" extra="学生团支部1年，其他2至3年">
          <InputNumber min={1} max={3} />
        </Form.Item>
        <Form.Item
          name="secretaryName"
          label="当选书记"
          rules={[{ required: true, message: '请填写书记姓名' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="committeeSize"
          label="支委会人数"
          extra="团员7人以上的选举3至5人组成支委会；不足7人只设书记，填1"
        >
          <InputNumber min={1} max={9} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { request } from '../../api/client';
import { useAuth } from '../../app/auth';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import {
  ExportButton,
  meetingKindLabels,
  todayString,
  useMembership,
  useMembershipWrite,
} from './membershipKit';
import { useMembershipPeople } from './TransfersTab';

type Kind = keyof typeof meetingKindLabels;
interface RhythmRow {
  branch: { code: string; name: string };
  members: number;
  held: Record<Kind, number>;
  expected: Record<Kind, number>;
  behind: Kind[];
}
interface Reminder {
  branch: { code: string; name: string };
  status: 'none' | 'expired' | 'due';
  termEndsOn: string | null;
  secretaryName: string | null;
}
const reminderLabels = { none: '未登记换届', expired: '任期已满', due: '任期将满' };

/** 三会两制一课: each branch's meetings of the year against the rhythm; elections and their reminders. */
export function BranchLifeTab({ org }: { org: string }) {
  const { can } = useAuth();
  const [year, setYear] = useState(Number(todayString().slice(0, 4)));
  const [meeting, setMeeting] = useState(false);
  const [election, setElection] = useState(false);
  // The to-do centre links here with ?behind=1: only the branches behind the rhythm.
  const [params] = useSearchParams();
  const [behindOnly, setBehindOnly] = useState(params.get('behind') === '1');
  const rhythm = useMembership<{ monthsCounted: number; items: RhythmRow[] }>('/meetings-rhythm', {
    org,
    year,
  });
  const reminders = useMembership<{ items: Reminder[] }>('/elections/reminders', { org });
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
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setMeeting(true)}>
              登记会议
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setElection(true)}>
              登记换届
            </Button>
          </>
        )}
      </Space>
      <Table<RhythmRow>
        rowKey={(r) => r.branch.code}
        size="small"
        loading={rhythm.isLoading}
        dataSource={(rhythm.data?.items ?? []).filter((r) => !behindOnly || r.behind.length > 0)}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个团支部` }}
        title={() => `已开次数 / 截至上月应开次数（支部大会、团课每季度，支委会每月；红色为不足）`}
        columns={[
          { title: '团支部', render: (_, r) => r.branch.name },
          { title: '团员', dataIndex: 'members' },
          ...(Object.keys(meetingKindLabels) as Kind[]).map((k) => ({
            title: meetingKindLabels[k],
            render: (_: unknown, r: RhythmRow) => cell(r, k),
          })),
        ]}
      />
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
      {meeting && <MeetingModal onClose={() => setMeeting(false)} />}
      {election && <ElectionModal onClose={() => setElection(false)} />}
    </div>
  );
}

function MeetingModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm();
  const branch: string | undefined = Form.useWatch('branchCode', form);
  const members = useMembershipPeople(branch ?? '', '', Boolean(branch));
  const save = useMembershipWrite(
    (v: Record<string, unknown> & { heldOn: { format(f: string): string } }) =>
      request('/membership/meetings', {
        method: 'POST',
        body: { ...v, heldOn: v.heldOn.format('YYYY-MM-DD'), attendeeIds: v.attendeeIds ?? [] },
      }),
    '已登记',
    onClose,
  );
  return (
    <Modal
      open
      title="登记会议"
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => save.mutate(v))}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'general_meeting' }}>
        <Form.Item name="branchCode" label="团支部" rules={[{ required: true, message: '请选择团支部' }]}>
          <OrgTreeSelect isDisabled={(o) => o.kind !== 'branch'} />
        </Form.Item>
        <Form.Item name="kind" label="会议类型">
          <Select options={Object.entries(meetingKindLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="heldOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="topic" label="主题" rules={[{ required: true, message: '请填写主题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="attendeeIds" label="出席团员">
          <Select
            mode="multiple"
            options={(members.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            placeholder="选择出席的团员"
          />
        </Form.Item>
        <Form.Item name="minutes" label="会议记录">
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ElectionModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm();
  const save = useMembershipWrite(
    (v: Record<string, unknown> & { heldOn: { format(f: string): string } }) =>
      request<{ termEndsOn: string }>('/membership/elections', {
        method: 'POST',
        body: { ...v, heldOn: v.heldOn.format('YYYY-MM-DD') },
      }),
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

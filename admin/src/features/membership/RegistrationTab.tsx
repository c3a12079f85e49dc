import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, type Item, ok, type RequestBody } from '../../api/http';
import { Allowed } from '../../app/Allowed';
import { useAuth } from '../../app/auth';
import { today } from '../../app/dates';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { ExportButton, gradeLabels, useMembership, useMembershipWrite } from './membershipKit';

type ProgressRow = Item<'/api/membership/campaigns/{id}/progress'>;

/** 团籍注册 and 教育评议: the year's campaign, progress per branch, and each branch's grades. */
export function RegistrationTab({ org }: { org: string }) {
  const { can, may } = useAuth();
  const campaigns = useMembership('/campaigns', { query: { org } });
  const [chosen, setChosen] = useState<number>();
  const [creating, setCreating] = useState(false);
  const [rating, setRating] = useState<string | null>(null);
  const id = chosen ?? campaigns.data?.items[0]?.id;
  const progress = useMembership(
    '/campaigns/{id}/progress',
    { path: { id: id ?? 0 }, query: { org } },
    id != null,
  );
  const t = progress.data?.totals;
  return (
    <div data-testid="registration-tab">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 260 }}
          placeholder="选择年度注册评议"
          value={id}
          onChange={setChosen}
          options={(campaigns.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `${c.year} 年度 · ${c.org.name}`,
          }))}
        />
        {can('org.write') && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            部署年度注册评议
          </Button>
        )}
        {id != null && (
          <ExportButton
            path="/campaigns/{id}/progress/export"
            params={{ id }}
            query={{ org }}
            name="注册评议进度.xlsx"
          />
        )}
      </Space>
      {t && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`团支部 ${t.branches} 个，已完成评议 ${t.branchesDone} 个；团员 ${t.members} 人，已评议 ${t.rated} 人，已注册 ${t.registered} 人`}
        />
      )}
      <Table<ProgressRow>
        rowKey={(r) => r.branch.code}
        size="small"
        loading={progress.isLoading && id != null}
        dataSource={progress.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '团支部', render: (_, r) => r.branch.name },
          { title: '团员', dataIndex: 'members' },
          { title: '已评议', dataIndex: 'rated' },
          { title: '优秀', dataIndex: 'excellent' },
          { title: '已注册', dataIndex: 'registered' },
          { title: '参会', dataIndex: 'attended' },
          { title: '状态', render: (_, r) => (r.done ? <Tag color="green">已完成</Tag> : <Tag>未开展</Tag>) },
          {
            title: '操作',
            render: (_, r) => (
              <Button size="small" onClick={() => setRating(r.branch.code)} disabled={r.members === 0}>
                {may('put', '/api/membership/campaigns/{id}/branches/{code}') ? '评议' : '查看'}
              </Button>
            ),
          },
        ]}
      />
      {creating && <CampaignModal org={org} onClose={() => setCreating(false)} />}
      {rating && id != null && <RatingDrawer campaign={id} branch={rating} onClose={() => setRating(null)} />}
    </div>
  );
}

function CampaignModal({ org, onClose }: { org: string; onClose: () => void }) {
  const [form] = Form.useForm();
  const year = Number(today().slice(0, 4));
  const create = useMembershipWrite(
    (v: { orgCode: string; year: number; range: [dayjs.Dayjs, dayjs.Dayjs] }) =>
      ok(
        http.POST('/api/membership/campaigns', {
          body: {
            orgCode: v.orgCode,
            year: v.year,
            startsOn: v.range[0].format('YYYY-MM-DD'),
            endsOn: v.range[1].format('YYYY-MM-DD'),
          },
        }),
      ),
    '已部署',
    onClose,
  );
  return (
    <Modal
      open
      title="部署年度团籍注册和教育评议"
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => create.mutate(v))}
      confirmLoading={create.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgCode: org, year, range: [dayjs(`${year}-01-01`), dayjs(`${year}-03-31`)] }}
      >
        <Form.Item name="orgCode" label="团委" rules={[{ required: true }]}>
          <OrgTreeSelect isDisabled={(o) => o.kind !== 'committee' && o.kind !== 'working_committee'} />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="range" label="起止日期" rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type RatingRow = Item<'/api/membership/campaigns/{id}/branches/{code}'>;
type Rating = RequestBody<'/api/membership/campaigns/{id}/branches/{code}', 'put'>['items'][number];

/**
 * A branch's grades. The server decides who is evaluated at a meeting on the chosen date (members who had
 * joined by then) and the 优秀 cap of that roster; the form lists exactly those, so what it shows is what
 * the save accepts.
 */
function RatingDrawer({
  campaign,
  branch,
  onClose,
}: {
  campaign: number;
  branch: string;
  onClose: () => void;
}) {
  const [meetingOn, setMeetingOn] = useState<string>();
  const detail = useMembership('/campaigns/{id}/branches/{code}', {
    path: { id: campaign, code: branch },
    query: meetingOn ? { meetingOn } : {},
  });
  const [rows, setRows] = useState<RatingRow[]>([]);
  const data = detail.data;
  useEffect(() => {
    if (!data) return;
    setMeetingOn((m) => m ?? data.meetingOn);
    // Keep what was chosen for those still on the roster when the date changes.
    setRows((before) => {
      const chosen = new Map(before.map((r) => [r.personId, r]));
      return data.items.map(
        (r) =>
          chosen.get(r.personId) ?? { ...r, grade: r.grade ?? 'qualified', attended: r.attended ?? true },
      );
    });
  }, [data]);
  const save = useMembershipWrite(
    () =>
      ok(
        http.PUT('/api/membership/campaigns/{id}/branches/{code}', {
          params: { path: { id: campaign, code: branch } },
          body: {
            meetingOn: (meetingOn ?? data?.meetingOn) as string,
            // Every row got a grade and attendance when the roster came (qualified, present).
            items: rows.map((r) => ({
              personId: r.personId,
              grade: r.grade as Rating['grade'],
              attended: r.attended ?? false,
            })),
          },
        }),
      ),
    (o) => `已保存，注册 ${o.registered} 人`,
    onClose,
  );
  const set = (id: number, change: Partial<RatingRow>) =>
    setRows((rs) => rs.map((r) => (r.personId === id ? { ...r, ...change } : r)));
  const excellent = rows.filter((r) => r.grade === 'excellent').length;
  const attended = rows.filter((r) => r.attended).length;
  const cap = data?.excellentCap ?? 0;
  const range = data?.campaign;
  return (
    <Drawer
      open
      width={Math.min(720, window.innerWidth)}
      title={`教育评议 · ${data?.branch.name ?? ''}`}
      onClose={onClose}
      extra={
        <Allowed op={['put', '/api/membership/campaigns/{id}/branches/{code}']}>
          <Button
            type="primary"
            loading={save.isPending}
            disabled={!data || rows.length === 0}
            onClick={() => save.mutate(undefined)}
          >
            保存
          </Button>
        </Allowed>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <span>评议大会日期</span>
        <DatePicker
          allowClear={false}
          value={meetingOn ? dayjs(meetingOn) : undefined}
          disabledDate={(d) =>
            !!range && (d.format('YYYY-MM-DD') < range.startsOn || d.format('YYYY-MM-DD') > range.endsOn)
          }
          onChange={(d) => d && setMeetingOn(d.format('YYYY-MM-DD'))}
        />
        <Typography.Text type={excellent > cap ? 'danger' : 'secondary'} data-testid="excellent-cap">
          优秀 {excellent} / 最多 {cap} 人（30%）
        </Typography.Text>
        <Typography.Text type={attended * 3 > rows.length * 2 ? 'secondary' : 'danger'}>
          参会 {attended} / {rows.length} 人（须超过三分之二）
        </Typography.Text>
      </Space>
      {range && (
        <Typography.Paragraph type="secondary">
          评议大会日期须在 {range.startsOn} 至 {range.endsOn} 之间。
        </Typography.Paragraph>
      )}
      {!!data?.joinedAfter.length && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="joined-after"
          title={`${data.joinedAfter.map((m) => `${m.name}（${m.joinedOn} 入团）`).join('、')} 晚于评议大会入团，不参加本次评议`}
        />
      )}
      {save.error && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(save.error)} />
      )}
      <Table<RatingRow>
        rowKey="personId"
        size="small"
        pagination={false}
        loading={detail.isLoading}
        dataSource={rows}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          {
            title: '评议等次',
            render: (_, r) => (
              <Select
                size="small"
                style={{ width: 110 }}
                value={r.grade}
                onChange={(g) => set(r.personId, { grade: g })}
                options={Object.entries(gradeLabels).map(([value, label]) => ({ value, label }))}
              />
            ),
          },
          {
            title: '参会',
            render: (_, r) => (
              <Checkbox
                checked={r.attended ?? false}
                onChange={(e) => set(r.personId, { attended: e.target.checked })}
              />
            ),
          },
        ]}
      />
    </Drawer>
  );
}

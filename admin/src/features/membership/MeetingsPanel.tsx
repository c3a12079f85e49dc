import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { http, type Item, ok } from '../../api/http';
import { useAuth } from '../../app/auth';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { meetingKindLabels, useMembershipWrite, WriteError } from './membershipKit';
import { useMembershipPeople } from './TransfersTab';

type Meeting = Item<'/api/membership/meetings'>;

/** What a meeting record takes (the server checks the bytes; 5 MB each, 10 at most). */
const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,.docx,.xlsx,.pptx';
const MAX_BYTES = 5 * 1024 * 1024;

const attachmentUrl = (meetingId: number, id: number) =>
  `/api/membership/meetings/${meetingId}/attachments/${id}`;

/**
 * 三会两制一课 as records, not counts (issue 17, item 11): each meeting of the year with its topic, who came and
 * who did not, and its attachments; the admission vote meetings appear as 支部大会 (标 发展团员).
 */
export function MeetingsPanel({ org, year }: { org: string; year: number }) {
  const { may } = useAuth();
  const [kind, setKind] = useState<string>();
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: ['membership', '/meetings', { org, year }],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/membership/meetings', { params: { query: { org, year } }, signal })),
  });
  const rows = (list.data?.items ?? []).filter((m) => !kind || m.kind === kind);
  return (
    <div data-testid="meetings-panel" style={{ marginTop: 16 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>会议记录</Typography.Text>
        <Select
          allowClear
          placeholder="全部类型"
          value={kind}
          onChange={setKind}
          style={{ width: 120 }}
          options={Object.entries(meetingKindLabels).map(([value, label]) => ({ value, label }))}
          data-testid="meetings-kind"
        />
        {/* Shown by the route's own declaration (me.writes), as the other pages gate their writes. */}
        {may('post', '/api/membership/meetings') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="meeting-add"
          >
            登记会议
          </Button>
        )}
      </Space>
      <Table<Meeting>
        rowKey={(m) => (m.id ? `m${m.id}` : `v${m.branch.code}${m.heldOn}`)}
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 次` }}
        data-testid="meetings-table"
        columns={[
          { title: '日期', dataIndex: 'heldOn', width: 100 },
          {
            title: '类型',
            render: (_, m) => (
              <Space size={4} wrap>
                {meetingKindLabels[m.kind] ?? m.kind}
                {m.admissionCandidates > 0 && <Tag color="blue">发展团员 {m.admissionCandidates} 人</Tag>}
              </Space>
            ),
          },
          { title: '主题', dataIndex: 'topic' },
          { title: '团支部', render: (_, m) => m.branch.name },
          { title: '出席/应到', render: (_, m) => `${m.attended} / ${m.expected}` },
          {
            title: '缺席',
            render: (_, m) => (m.absentNames.length ? m.absentNames.join('、') : m.id ? '无' : '—'),
          },
          {
            title: '附件',
            render: (_, m) =>
              m.id && m.attachments.length ? (
                <Space direction="vertical" size={0}>
                  {m.attachments.map((a) => (
                    <a key={a.id} href={attachmentUrl(m.id!, a.id)} target="_blank" rel="noreferrer">
                      <PaperClipOutlined /> {a.name}
                    </a>
                  ))}
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {adding && <MeetingModal org={org} onClose={() => setAdding(false)} />}
    </div>
  );
}

interface MeetingForm {
  branchCode: string;
  kind: string;
  heldOn: Dayjs;
  topic: string;
  minutes?: string;
  attendeeIds?: number[];
}

/**
 * 登记会议, usable on a phone: the branch's members are listed ticked, the secretary unticks who was absent;
 * photos and the sign-in sheet go with it. A refused attachment keeps the saved meeting: the retry sends only
 * the files still missing.
 */
function MeetingModal({ org, onClose }: { org: string; onClose: () => void }) {
  const [form] = Form.useForm<MeetingForm>();
  const branch = Form.useWatch('branchCode', form);
  const heldOn = Form.useWatch('heldOn', form);
  const ticked = Form.useWatch('attendeeIds', form) ?? [];
  const members = useMembershipPeople(branch ?? '', '', Boolean(branch));
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const day = heldOn?.format('YYYY-MM-DD');
  const roll = (members.data?.items ?? []).filter((p) => !day || !p.joinedOn || p.joinedOn <= day);
  const rollKey = roll.map((p) => p.id).join(',');
  // Everyone on the day's roll starts ticked: the secretary marks the absent.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-tick only when the roll itself changes
  useEffect(() => {
    form.setFieldValue(
      'attendeeIds',
      roll.map((p) => p.id),
    );
  }, [rollKey]);
  const save = useMembershipWrite(
    async (v: MeetingForm) => {
      let id = saved;
      if (!id) {
        const created = await ok(
          http.POST('/api/membership/meetings', {
            body: {
              branchCode: v.branchCode,
              kind: v.kind as 'general_meeting',
              heldOn: v.heldOn.format('YYYY-MM-DD'),
              topic: v.topic,
              minutes: v.minutes || undefined,
              attendeeIds: v.attendeeIds ?? [],
            },
          }),
        );
        id = created.id!;
        setSaved(id);
      }
      for (const f of files.filter((f) => f.status !== 'done')) {
        const body = new FormData();
        body.append('file', f.originFileObj as File, f.name);
        try {
          await ok(
            http.POST('/api/membership/meetings/{id}/attachments', {
              params: { path: { id } },
              body: body as never,
            }),
          );
          setFiles((all) => all.map((x) => (x.uid === f.uid ? { ...x, status: 'done' } : x)));
        } catch (e) {
          throw new Error(`会议已登记；附件「${f.name}」未能上传：${(e as Error).message}`);
        }
      }
      return id;
    },
    '已登记',
    onClose,
    { inline: true },
  );
  const absent = roll.filter((p) => !ticked.includes(p.id)).map((p) => p.name);
  return (
    <Modal
      open
      title="登记会议"
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => save.mutate(v))}
      okText={saved ? '继续上传附件' : '登记'}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <WriteError error={save.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'theme_day', branchCode: org }}
        disabled={Boolean(saved)}
        data-testid="meeting-form"
      >
        <Form.Item name="branchCode" label="团支部" rules={[{ required: true, message: '请选择团支部' }]}>
          <OrgTreeSelect isDisabled={(o) => o.kind !== 'branch'} />
        </Form.Item>
        <Form.Item name="kind" label="会议类型">
          <Select
            options={Object.entries(meetingKindLabels).map(([value, label]) => ({ value, label }))}
            data-testid="meeting-kind"
          />
        </Form.Item>
        <Form.Item name="heldOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker inputReadOnly style={{ width: '100%' }} data-testid="meeting-date" />
        </Form.Item>
        <Form.Item name="topic" label="主题" rules={[{ required: true, message: '请填写主题' }]}>
          <Input maxLength={200} data-testid="meeting-topic" />
        </Form.Item>
        <Form.Item
          name="attendeeIds"
          label={`出席（应到 ${roll.length} 人，实到 ${ticked.length} 人）`}
          extra={
            absent.length ? `缺席：${absent.join('、')}` : roll.length ? '全部出席' : '请先选择团支部和日期'
          }
        >
          <Checkbox.Group
            options={roll.map((p) => ({ value: p.id, label: p.name }))}
            data-testid="meeting-roll"
          />
        </Form.Item>
        <Form.Item name="minutes" label="会议记录">
          <Input.TextArea rows={3} maxLength={20000} />
        </Form.Item>
      </Form>
      <Upload
        multiple
        accept={ACCEPT}
        fileList={files}
        beforeUpload={() => false}
        onChange={({ fileList }) =>
          setFiles(
            fileList
              .slice(0, 10)
              .map((f) => ((f.size ?? 0) > MAX_BYTES ? { ...f, status: 'error', response: '超过 5 MB' } : f)),
          )
        }
        data-testid="meeting-files"
      >
        <Button icon={<UploadOutlined />}>添加附件（照片、签到表，单个不超过 5 MB）</Button>
      </Upload>
    </Modal>
  );
}

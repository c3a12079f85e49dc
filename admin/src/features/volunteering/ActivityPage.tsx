import { formatHours } from '@shared/hours';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Segmented,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { http, ok, type RequestBody } from '../../api/http';
import { Allowed } from '../../app/Allowed';
import { useAuth } from '../../app/auth';
import { beijingTime } from '../../app/dates';
import { PersonPicker } from '../people/PersonPicker';
import type { Enrolment } from './volunteeringKit';

type ManualBody = RequestBody<'/api/volunteering/activities/{id}/manual-attendance'>;

/** The organiser's QR code, renewed before the signed token expires. */
function QrPanel({ activityId }: { activityId: number }) {
  const [action, setAction] = useState<'in' | 'out'>('in');
  const qr = useQuery({
    queryKey: ['volunteer-qr', activityId, action],
    queryFn: ({ signal }) =>
      ok(
        http.GET('/api/volunteering/activities/{id}/qr', {
          params: { path: { id: activityId }, query: { action } },
          signal,
        }),
      ),
    refetchInterval: 90_000,
  });
  return (
    <Card size="small" title="扫码签到 / 签退" style={{ marginBottom: 12 }}>
      <Segmented
        value={action}
        onChange={(v) => setAction(v as 'in' | 'out')}
        options={[
          { value: 'in', label: '签到码' },
          { value: 'out', label: '签退码' },
        ]}
      />
      {qr.isError && <Alert type="error" showIcon title={errorMessage(qr.error)} />}
      {qr.data && (
        <div style={{ textAlign: 'center' }}>
          {/* The SVG comes from our own server's qrcode rendering of our own URL. */}
          <div
            data-testid="qr-svg"
            data-url={qr.data.url}
            style={{ width: 240, margin: '12px auto' }}
            // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered QR SVG, no user input
            dangerouslySetInnerHTML={{ __html: qr.data.svg }}
          />
          <div style={{ color: '#888' }}>
            志愿者用手机相机扫码；二维码每90秒自动更新，{beijingTime(qr.data.expiresAt)} 失效
          </div>
        </div>
      )}
    </Card>
  );
}

/** The datetime-local value (Beijing time) of an instant. */
const localInput = (iso: string | null) => (iso ? beijingTime(iso).replace(' ', 'T') : undefined);

/**
 * 手工补录 for someone who could not scan, or 更正 of a wrong scan (`correcting`): the person picked by name,
 * 证件号码 or 志愿者编号, the times, and a reason the audit log keeps beside the scanned times.
 */
function ManualModal({
  activityId,
  correcting,
  onClose,
  onSaved,
}: {
  activityId: number;
  correcting: Enrolment | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      ok(
        http.POST('/api/volunteering/activities/{id}/manual-attendance', {
          params: { path: { id: activityId } },
          // The form's fields are the route's body (antd forms are not typed); the server checks it.
          body: { ...v, personId: correcting?.personId ?? v.personId } as ManualBody,
        }),
      ),
    onSuccess: (r) => {
      message.success(`已${correcting ? '更正' : '补录'}，${formatHours(r.hours)} 小时，确认后计入`);
      onSaved();
    },
  });
  const what = correcting ? '更正' : '补录';
  return (
    <Modal
      open
      title={correcting ? `更正签到签退 · ${correcting.name}` : '手工补录签到签退'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={correcting ? '更正' : '补录'}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {correcting && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`扫码记录：${beijingTime(correcting.checkedInAt)} 签到，${beijingTime(correcting.checkedOutAt)} 签退，${formatHours(correcting.hours)} 小时。更正后原记录留痕。`}
        />
      )}
      {save.error && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(save.error)} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          correcting
            ? {
                checkedInAt: localInput(correcting.checkedInAt),
                checkedOutAt: localInput(correcting.checkedOutAt),
              }
            : undefined
        }
      >
        {!correcting && (
          <Form.Item
            name="personId"
            label="志愿者"
            rules={[{ required: true, message: '请按姓名、证件号码或志愿者编号选择志愿者' }]}
          >
            <PersonPicker data-testid="manual-person" />
          </Form.Item>
        )}
        <Form.Item
          name="checkedInAt"
          label="签到时间"
          rules={[{ required: true, message: '请填写签到时间' }]}
        >
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item
          name="checkedOutAt"
          label="签退时间"
          rules={[{ required: true, message: '请填写签退时间' }]}
        >
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={`${what}原因`}
          rules={[{ required: true, min: 4, message: `请填写${what}原因（至少4个字）` }]}
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function state(e: Enrolment) {
  if (e.status === 'cancelled') return <Tag>已取消</Tag>;
  if (e.decision === 'confirmed') return <Tag color="green">已确认</Tag>;
  if (e.decision === 'rejected') return <Tag color="red">不予确认</Tag>;
  if (e.checkedOutAt) return <Tag color="orange">待确认</Tag>;
  if (e.checkedInAt) return <Tag color="blue">已签到</Tag>;
  return <Tag>已报名</Tag>;
}

/** One activity: its QR code, sign-ups and attendance, and the organiser's confirmation. */
export default function ActivityPage() {
  const id = Number(useParams().id);
  const { can, may } = useAuth();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<number[]>([]);
  /** The manual-entry form: closed, open for a new entry (null), or correcting a scanned enrolment. */
  const [manual, setManual] = useState<{ correcting: Enrolment | null } | null>(null);
  const activity = useQuery({
    queryKey: ['volunteer-activity', id],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/volunteering/activities/{id}', { params: { path: { id: Number(id) } }, signal })),
  });
  const enrolments = useQuery({
    queryKey: ['volunteer-activity', id, 'enrolments'],
    queryFn: ({ signal }) =>
      ok(
        http.GET('/api/volunteering/activities/{id}/enrolments', {
          params: { path: { id: Number(id) } },
          signal,
        }),
      ),
    refetchInterval: 15_000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['volunteer-activity', id] });
  const decide = useMutation({
    mutationFn: ({
      kind,
      reason,
    }: {
      kind: 'confirm' | 'reject';
      reason?: string;
    }): Promise<{ confirmed: number; hours: number } | { rejected: number }> => {
      const decision = {
        params: { path: { id: Number(id) } },
        body: { enrolmentIds: selected, reason: reason || null },
      };
      return kind === 'confirm'
        ? ok(http.POST('/api/volunteering/activities/{id}/confirm', decision))
        : ok(http.POST('/api/volunteering/activities/{id}/reject', decision));
    },
    onSuccess: async (r) => {
      message.success(
        'confirmed' in r ? `已确认 ${r.confirmed} 人，共 ${formatHours(r.hours)} 小时` : '已处理',
      );
      setSelected([]);
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const askReason = (kind: 'confirm' | 'reject') => {
    let reason = '';
    modal.confirm({
      title: kind === 'confirm' ? '确认服务时长' : '不予确认',
      content: (
        <Input.TextArea
          rows={2}
          placeholder={kind === 'confirm' ? '活动结束超过7天时须填写原因' : '不予确认的原因（必填）'}
          onChange={(e) => {
            reason = e.target.value;
          }}
        />
      ),
      onOk: () => decide.mutateAsync({ kind, reason }),
    });
  };
  const a = activity.data;
  // Deciding and entering hours are the organiser's (volunteer.write): a branch secretary reads the list only.
  const decides = may('post', '/api/volunteering/activities/{id}/confirm');
  return (
    <>
      {activity.isError && <Alert type="error" showIcon title={errorMessage(activity.error)} />}
      {a && (
        <Card size="small" title={a.title} style={{ marginBottom: 12 }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label="编号">{a.code}</Descriptions.Item>
            <Descriptions.Item label="组织单位">{a.orgName}</Descriptions.Item>
            <Descriptions.Item label="时间">
              {beijingTime(a.startsAt)} 至 {beijingTime(a.endsAt).slice(11)}
            </Descriptions.Item>
            <Descriptions.Item label="地点">{a.place ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="报名">
              {a.signedUp} / {a.capacity ?? '不限'}
            </Descriptions.Item>
            <Descriptions.Item label="计时规则">
              不足{a.rule.minMinutes}分钟计0；出勤不足{a.rule.minSharePercent}%计0；按{a.rule.roundingMinutes}
              分钟取整
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {a && can('volunteer.write') && <QrPanel activityId={a.id} />}
      <Card
        size="small"
        title="报名与签到"
        extra={
          <Flex gap={8} wrap>
            <Allowed op={['post', '/api/volunteering/activities/{id}/manual-attendance']}>
              <Button size="small" onClick={() => setManual({ correcting: null })} data-testid="manual-entry">
                手工补录
              </Button>
            </Allowed>
            <Allowed op={['post', '/api/volunteering/activities/{id}/confirm']}>
              <Button
                size="small"
                type="primary"
                disabled={!selected.length}
                onClick={() => askReason('confirm')}
                data-testid="confirm-hours"
              >
                确认时长
              </Button>
            </Allowed>
            <Allowed op={['post', '/api/volunteering/activities/{id}/reject']}>
              <Button
                size="small"
                danger
                disabled={!selected.length}
                onClick={() => askReason('reject')}
                data-testid="reject-hours"
              >
                不予确认
              </Button>
            </Allowed>
          </Flex>
        }
      >
        <Table<Enrolment>
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          loading={enrolments.isLoading}
          dataSource={enrolments.data?.items ?? []}
          pagination={{ pageSize: 50 }}
          rowSelection={
            decides
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys as number[]),
                  getCheckboxProps: (e) => ({ disabled: !e.checkedOutAt || e.decision != null }),
                }
              : undefined
          }
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '状态', render: (_, e) => state(e) },
            { title: '签到', dataIndex: 'checkedInAt', render: (v: string) => beijingTime(v) },
            { title: '签退', dataIndex: 'checkedOutAt', render: (v: string) => beijingTime(v) },
            {
              title: '时长',
              dataIndex: 'hours',
              render: (h: number | null) => (h == null ? '—' : `${formatHours(h)} 小时`),
            },
            {
              title: '方式',
              dataIndex: 'method',
              render: (m: string | null) => (m === 'manual' ? '手工补录' : m === 'qr' ? '扫码' : '—'),
            },
            { title: '原因', dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
            {
              title: '操作',
              render: (_, e) =>
                // A scan not yet confirmed can be corrected here; a confirmed one through its record's revisions.
                e.method === 'qr' &&
                e.checkedInAt &&
                e.decision == null &&
                may('post', '/api/volunteering/activities/{id}/manual-attendance') ? (
                  <Button size="small" onClick={() => setManual({ correcting: e })}>
                    更正
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {manual && (
        <ManualModal
          activityId={id}
          correcting={manual.correcting}
          onClose={() => setManual(null)}
          onSaved={() => {
            setManual(null);
            void refresh();
          }}
        />
      )}
    </>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Input,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { type Answer, http, ok, type RequestBody } from '../../api/http';
import { PageLoading } from '../../app/PageLoading';

type Body = RequestBody<'/api/notifications/preferences', 'put'>;
type OptOut = Body['optOuts'][number];
type ContactField = 'email' | 'wechatOpenid' | 'phone';
type Channel = Answer<'/api/notifications/preferences'>['channels'][number];
type Kind = Answer<'/api/notifications/preferences'>['kinds'][number];

const preferencesKey = ['notifications', 'preferences'] as const;

/** Each channel's contact: which field holds it, and how a new one is typed. */
const CONTACTS: Record<string, { field: ContactField; name: string; placeholder: string }> = {
  email: { field: 'email', name: '电子邮箱', placeholder: 'name@example.cn' },
  wechat: { field: 'wechatOpenid', name: '微信 openid', placeholder: '关注公众号后获得的 openid' },
  sms: { field: 'phone', name: '手机号码', placeholder: '11 位手机号码' },
};

const key = (o: { kind: string; channel: string }) => `${o.kind}:${o.channel}`;

/**
 * One section of the page: a titled table with a note under it. The two sections (where reminders go, which ones
 * come) differ only in their rows, columns and note.
 */
function SettingsCard<T extends object>(props: {
  title: string;
  testId: string;
  rowKey: keyof T & string;
  rows: T[];
  columns: TableColumnsType<T>;
  note: ReactNode;
}) {
  return (
    <Card title={props.title} size="small">
      <Table<T>
        rowKey={props.rowKey}
        pagination={false}
        size="small"
        dataSource={props.rows}
        data-testid={props.testId}
        columns={props.columns}
      />
      {props.note}
    </Card>
  );
}

/**
 * 通知设置 (issue 15): where a user's reminders go and which he receives. His contacts come back masked and are
 * never shown whole: a change is typed anew (left untouched, the server keeps what it has).
 */
export default function NotificationSettingsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const prefs = useQuery({
    queryKey: preferencesKey,
    queryFn: ({ signal }) => ok(http.GET('/api/notifications/preferences', { signal })),
  });
  // Contacts being changed (field → what is typed; '' clears), and the (kind, channel) pairs switched off.
  const [edits, setEdits] = useState<Partial<Record<ContactField, string>>>({});
  const [off, setOff] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (prefs.data) setOff(new Set(prefs.data.optOuts.map(key)));
  }, [prefs.data]);

  const save = useMutation({
    mutationFn: (body: Body) => ok(http.PUT('/api/notifications/preferences', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(preferencesKey, saved);
      setEdits({});
      setError(null);
      message.success('通知设置已保存');
    },
    onError: (e) => setError(errorMessage(e)),
  });

  const data = prefs.data;
  const dirty = useMemo(
    () =>
      Object.keys(edits).length > 0 ||
      (data !== undefined && [...off].sort().join() !== data.optOuts.map(key).sort().join()),
    [edits, off, data],
  );
  if (prefs.isPending) return <PageLoading />;
  if (!data) return <Alert type="error" showIcon title={errorMessage(prefs.error)} />;

  const configured = data.channels.filter((c) => c.configured);
  const contactOf = (channel: string): string | null => {
    const c = CONTACTS[channel];
    if (!c) return null;
    const typed = edits[c.field];
    return typed !== undefined ? typed.trim() || null : data[c.field];
  };
  /** Switches (kind, channel) pairs on or off: one checkbox, or a kind's every channel from its switch. */
  const toggle = (pairs: string[], on: boolean) =>
    setOff((s) => {
      const next = new Set(s);
      for (const pair of pairs) {
        if (on) next.delete(pair);
        else next.add(pair);
      }
      return next;
    });
  const contactColumns: TableColumnsType<Channel> = [
    {
      title: '通道',
      dataIndex: 'label',
      render: (label: string, c) => (
        <Space>
          {label}
          {!c.configured && <Tag>本系统未开通</Tag>}
        </Space>
      ),
    },
    {
      title: '联系方式（已脱敏）',
      render: (_, c) => {
        const contact = CONTACTS[c.channel];
        if (!contact) return '—';
        const typed = edits[contact.field];
        if (typed !== undefined)
          return (
            <Space.Compact style={{ width: '100%', maxWidth: 360 }}>
              <Input
                autoFocus
                value={typed}
                placeholder={
                  data[contact.field] ? `${contact.placeholder}（留空保存即清除）` : contact.placeholder
                }
                aria-label={contact.name}
                data-testid={`notify-input-${c.channel}`}
                onChange={(e) => setEdits((s) => ({ ...s, [contact.field]: e.target.value }))}
              />
              <Button
                onClick={() =>
                  setEdits(({ [contact.field]: _drop, ...rest }) => {
                    return rest;
                  })
                }
              >
                取消
              </Button>
            </Space.Compact>
          );
        const shown = data[contact.field];
        return (
          <Space>
            <Typography.Text
              data-testid={`notify-contact-${c.channel}`}
              type={shown ? undefined : 'secondary'}
            >
              {shown ?? '未填写'}
            </Typography.Text>
            <Button
              size="small"
              type="link"
              disabled={!c.configured}
              data-testid={`notify-edit-${c.channel}`}
              onClick={() => setEdits((s) => ({ ...s, [contact.field]: '' }))}
            >
              {shown ? '更换' : '填写'}
            </Button>
          </Space>
        );
      },
    },
  ];
  const kindColumns: TableColumnsType<Kind> = [
    {
      title: '提醒',
      dataIndex: 'label',
      render: (label: string, k) => {
        const pairs = data.channels.map((c) => `${k.kind}:${c.channel}`);
        const on = pairs.some((p) => !off.has(p));
        return (
          <Space>
            <Switch
              checked={on}
              aria-label={label}
              data-testid={`notify-kind-${k.kind}`}
              onChange={(checked) => toggle(pairs, checked)}
            />
            {label}
            {k.kind === 'todo_digest' && (
              <Typography.Text type="secondary">（每天早上一次，列出待办事项的数目）</Typography.Text>
            )}
          </Space>
        );
      },
    },
    ...data.channels.map((c) => ({
      title: c.label,
      key: c.channel,
      render: (_: unknown, k: Kind) => {
        const pair = `${k.kind}:${c.channel}`;
        const reachable = c.configured && contactOf(c.channel) !== null;
        return (
          <Checkbox
            checked={!off.has(pair)}
            disabled={!c.configured}
            data-testid={`notify-${pair}`}
            onChange={(e) => toggle([pair], e.target.checked)}
          >
            {c.configured && !reachable && !off.has(pair) ? (
              <Typography.Text type="warning">未填联系方式</Typography.Text>
            ) : null}
          </Checkbox>
        );
      },
    })),
  ];
  const submit = () => {
    const optOuts = [...off].map((p) => {
      const [kind, channel] = p.split(':');
      return { kind, channel } as OptOut;
    });
    save.mutate({ ...edits, optOuts });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 860 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        通知设置
      </Typography.Title>
      {error && <Alert type="error" showIcon title={error} data-testid="notify-error" />}
      <SettingsCard
        title="接收方式"
        testId="notify-contacts"
        rowKey="channel"
        rows={data.channels}
        columns={contactColumns}
        note={
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            联系方式只用于发送提醒，页面上只显示部分内容；更换时请完整输入新的联系方式。
          </Typography.Paragraph>
        }
      />
      <SettingsCard
        title="接收哪些提醒"
        testId="notify-kinds"
        rowKey="kind"
        rows={data.kinds}
        columns={kindColumns}
        note={
          configured.length === 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 8 }}
              title="本系统尚未开通任何发送通道，提醒暂时只在“待办”中显示"
            />
          )
        }
      />
      <Space>
        <Button
          type="primary"
          loading={save.isPending}
          disabled={!dirty}
          onClick={submit}
          data-testid="notify-save"
        >
          保存
        </Button>
        <Button
          disabled={!dirty || save.isPending}
          onClick={() => {
            setEdits({});
            setOff(new Set(data.optOuts.map(key)));
            setError(null);
          }}
        >
          还原
        </Button>
      </Space>
    </Space>
  );
}

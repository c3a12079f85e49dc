import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, NOTIFICATION_STATES } from '@shared/labels';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, type Item, ok, type Query } from '../../api/http';
import { beijingTime } from '../../app/dates';
import { label, optionsOf } from '../../app/labels';

type Message = Item<'/api/notifications/outbox'>;
type State = NonNullable<Query<'/api/notifications/outbox'>['state']>;

const STATE_COLORS: Record<string, string> = {
  pending: 'blue',
  sending: 'processing',
  sent: 'success',
  failed: 'warning',
  abandoned: 'error',
};

const time = (iso: string | null) => beijingTime(iso, { seconds: true });

/**
 * 消息发送记录 (issue 15): the reminders to the users of the administrator's reach, with their state, attempts,
 * next try and last refusal (already redacted by the server); titles only, never bodies or addresses. A failed
 * one can be sent again.
 */
export default function OutboxPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [state, setState] = useState<State | undefined>();
  const outbox = useQuery({
    queryKey: ['notifications', 'outbox', state],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/notifications/outbox', { params: { query: { state } }, signal })),
  });
  const resend = useMutation({
    mutationFn: (id: number) =>
      ok(http.POST('/api/notifications/outbox/{id}/resend', { params: { path: { id } } })),
    onSuccess: async (m) => {
      message.success(`已重新排入发送：${m.recipient}`);
      await queryClient.invalidateQueries({ queryKey: ['notifications', 'outbox'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const columns: TableColumnsType<Message> = [
    { title: '编号', dataIndex: 'id', width: 72 },
    {
      title: '接收人',
      dataIndex: 'recipient',
      width: 200,
      render: (r: string, m) => `${r} · ${m.orgName}`,
    },
    {
      title: '通道',
      dataIndex: 'channel',
      width: 110,
      render: (c: string) => label(NOTIFICATION_CHANNELS, c),
    },
    {
      title: '提醒',
      dataIndex: 'subject',
      width: 230,
      render: (s: string, m) => (
        <Space orientation="vertical" size={0}>
          <span>{label(NOTIFICATION_KINDS, m.kind)}</span>
          <Typography.Text type="secondary">{s}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 90,
      render: (s: string) => (
        <Tag color={STATE_COLORS[s]} data-testid="outbox-state">
          {label(NOTIFICATION_STATES, s)}
        </Tag>
      ),
    },
    { title: '尝试次数', dataIndex: 'attempts', width: 90 },
    {
      title: '发送时间 / 下次尝试',
      width: 170,
      render: (_, m) => (m.state === 'sent' ? time(m.sentAt) : time(m.nextAttemptAt)),
    },
    {
      title: '最近失败原因',
      dataIndex: 'lastError',
      render: (e: string | null) =>
        e ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: e }} style={{ maxWidth: 260 }}>
            {e}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      width: 100,
      render: (_, m) =>
        m.state === 'failed' || m.state === 'abandoned' ? (
          <Button
            size="small"
            data-testid={`outbox-resend-${m.id}`}
            loading={resend.isPending && resend.variables === m.id}
            disabled={resend.isPending}
            onClick={() => resend.mutate(m.id)}
          >
            重新发送
          </Button>
        ) : null,
    },
  ];

  return (
    <Card
      title="消息发送记录"
      extra={
        <Select<State>
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={state}
          onChange={setState}
          options={optionsOf(NOTIFICATION_STATES) as { value: State; label: string }[]}
          data-testid="outbox-filter"
        />
      }
    >
      <Typography.Paragraph type="secondary">
        管辖范围内用户的提醒消息（最近 200
        条）。只显示标题，不显示正文和联系方式；失败的消息可重新发送，由发送任务在一分钟内送出。
      </Typography.Paragraph>
      {outbox.isError && <Alert type="error" showIcon title={errorMessage(outbox.error)} />}
      <Table<Message>
        rowKey="id"
        size="small"
        loading={outbox.isPending}
        dataSource={outbox.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1200 }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="outbox-table"
      />
    </Card>
  );
}

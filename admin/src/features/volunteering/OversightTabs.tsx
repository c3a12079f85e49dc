import { formatHours } from '@shared/hours';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Table, Tag } from 'antd';
import { errorMessage } from '../../api/client';
import { http, type Item, ok } from '../../api/http';
import { useAuth } from '../../app/auth';
import { type IdType, idTypeLabels } from '../../app/idDocument';
import { RegistrationLinkCard } from './RegistrationLink';

type Anomaly = Item<'/api/volunteering/anomalies'>;

/** The committee's list of hours worth a second look. */
export function AnomaliesTab() {
  const q = useQuery({
    queryKey: ['volunteer-anomalies'],
    queryFn: ({ signal }) => ok(http.GET('/api/volunteering/anomalies', { signal })),
  });
  return (
    <>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {q.data && (
        <Alert
          type="info"
          title={`${q.data.from} 至 ${q.data.to}：共 ${q.data.items.length} 条`}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<Anomaly>
        rowKey={(a, i) => `${a.kind}-${i}`}
        size="small"
        scroll={{ x: 'max-content' }}
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: '类型', dataIndex: 'label', render: (l: string) => <Tag color="orange">{l}</Tag> },
          { title: '志愿者', dataIndex: 'name', render: (n: string | null) => n ?? '—' },
          { title: '经办账号', dataIndex: 'userName', render: (n: string | null) => n ?? '—' },
          { title: '情况', dataIndex: 'detail' },
        ]}
      />
    </>
  );
}

type Star = Item<'/api/volunteering/stars'>;

export function StarsTab() {
  const q = useQuery({
    queryKey: ['volunteer-stars'],
    queryFn: ({ signal }) => ok(http.GET('/api/volunteering/stars', { signal })),
  });
  return (
    <>
      {q.data && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          {q.data.levels.map((l) => (
            <Tag key={l.label} color="gold">
              {l.label}（{formatHours(l.hours)}小时）{l.count} 人
            </Tag>
          ))}
          <a href={`/volunteer-honour-roll/${q.data.orgCode}`} target="_blank" rel="noreferrer">
            公开光荣榜
          </a>
        </Flex>
      )}
      <Table<Star>
        rowKey="personId"
        size="small"
        scroll={{ x: 'max-content' }}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '星级', dataIndex: 'label', render: (l: string) => <Tag color="gold">{l}</Tag> },
          { title: '累计时长', dataIndex: 'hours', align: 'right', render: (h: number) => formatHours(h) },
          { title: '所在组织', dataIndex: 'orgName' },
          { title: '证件号码', dataIndex: 'idNumberMasked' },
        ]}
      />
    </>
  );
}

type Registration = Item<'/api/volunteering/registrations'>;

const STATUS: Record<string, { text: string; color: string }> = {
  pending: { text: '待确认', color: 'orange' },
  confirmed: { text: '已确认', color: 'green' },
  rejected: { text: '已驳回', color: 'red' },
};

export function RegistrationsTab() {
  const { can, may } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: ['volunteer-registrations'],
    queryFn: ({ signal }) => ok(http.GET('/api/volunteering/registrations', { signal })),
  });
  const decide = useMutation({
    mutationFn: ({ id, kind }: { id: number; kind: 'confirm' | 'reject' }) =>
      ok(
        kind === 'confirm'
          ? http.POST('/api/volunteering/registrations/{id}/confirm', { params: { path: { id } } })
          : http.POST('/api/volunteering/registrations/{id}/reject', { params: { path: { id } } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['volunteer-registrations'] }),
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <>
      {can('volunteer.write') && <RegistrationLinkCard />}
      <Table<Registration>
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          {
            title: '证件号码',
            // A 居民身份证 goes without saying; another document is named beside its number.
            render: (_, r) =>
              r.idType === 'resident_id' ? (
                r.idNumberMasked
              ) : (
                <span>
                  <Tag>{idTypeLabels[r.idType as IdType] ?? r.idType}</Tag>
                  {r.idNumberMasked}
                </span>
              ),
          },
          { title: '手机', dataIndex: 'phone' },
          { title: '注册组织', dataIndex: 'orgName' },
          {
            title: '监护人',
            // Registered under 18: the guardian who consented (PIPL art. 31), to be reached before confirming.
            render: (_, r) =>
              r.guardianName ? (
                <span>
                  <Tag color="blue">未成年</Tag>
                  {r.guardianName} {r.guardianPhone}（已同意）
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string) => <Tag color={STATUS[s]?.color}>{STATUS[s]?.text ?? s}</Tag>,
          },
          {
            title: '操作',
            render: (_, r) =>
              r.status === 'pending' && may('post', '/api/volunteering/registrations/{id}/confirm') ? (
                <Flex gap={4}>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => decide.mutate({ id: r.id, kind: 'confirm' })}
                  >
                    确认
                  </Button>
                  <Button size="small" danger onClick={() => decide.mutate({ id: r.id, kind: 'reject' })}>
                    驳回
                  </Button>
                </Flex>
              ) : null,
          },
        ]}
      />
    </>
  );
}

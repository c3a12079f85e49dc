import { formatHours } from '@shared/hours';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Calendar,
  Checkbox,
  Flex,
  Input,
  Segmented,
  Table,
  Tabs,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { http, type Item, ok } from '../../api/http';
import { useAuth } from '../../app/auth';
import { beijingTime, todayAsDayjs } from '../../app/dates';
import { ActivityFormModal } from './ActivityFormModal';
import { AnomaliesTab, RegistrationsTab, StarsTab } from './OversightTabs';
import { SettingsTab } from './SettingsTab';
import { StatsTab } from './StatsTab';

type Activity = Item<'/api/volunteering/activities'>;

function ActivitiesTab() {
  const { can } = useAuth();
  const queryClient = useQueryClient();
  // The to-do centre links here with ?awaiting=1: the activities whose attendance waits for confirmation.
  const [params] = useSearchParams();
  const [awaiting, setAwaiting] = useState(params.get('awaiting') === '1');
  const [view, setView] = useState<'list' | 'calendar'>('list');
  const [q, setQ] = useState('');
  const [month, setMonth] = useState<Dayjs>(todayAsDayjs);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const range =
    view === 'calendar'
      ? {
          from: month.startOf('month').format('YYYY-MM-DD'),
          to: month.endOf('month').format('YYYY-MM-DD'),
          pageSize: 500,
          page: 1,
        }
      : { page, pageSize: 20 };
  const list = useQuery({
    queryKey: ['volunteer-activities', view, q, range, awaiting],
    queryFn: ({ signal }) =>
      ok(
        http.GET('/api/volunteering/activities', {
          params: { query: { q, ...range, awaiting: awaiting || undefined } },
          signal,
        }),
      ),
  });
  const byDay = new Map<string, Activity[]>();
  for (const a of list.data?.items ?? []) byDay.set(a.startDate, [...(byDay.get(a.startDate) ?? []), a]);
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'list' | 'calendar')}
          options={[
            { value: 'list', label: '列表' },
            { value: 'calendar', label: '日历' },
          ]}
        />
        <Input.Search
          placeholder="活动名称"
          allowClear
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 200 }}
        />
        <Checkbox
          checked={awaiting}
          onChange={(e) => {
            setAwaiting(e.target.checked);
            setPage(1);
          }}
          data-testid="activities-awaiting"
        >
          只看待确认时长
        </Checkbox>
        {can('volunteer.write') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            发布活动
          </Button>
        )}
      </Flex>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {view === 'list' ? (
        <Table<Activity>
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            total: list.data?.total ?? 0,
            pageSize: 20,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: '活动',
              dataIndex: 'title',
              render: (t: string, a) => <Link to={`/volunteering/activities/${a.id}`}>{t}</Link>,
            },
            { title: '开始', dataIndex: 'startsAt', render: (v: string) => beijingTime(v) },
            { title: '组织单位', dataIndex: 'orgName' },
            { title: '类别', dataIndex: 'category', render: (c: string | null) => c ?? '—' },
            { title: '报名', render: (_, a) => `${a.signedUp}/${a.capacity ?? '不限'}` },
            { title: '已确认人次', dataIndex: 'records', align: 'right' },
            { title: '时长', dataIndex: 'hours', align: 'right', render: (h: number) => formatHours(h) },
          ]}
        />
      ) : (
        <Calendar
          value={month}
          onPanelChange={(d) => setMonth(d)}
          onSelect={(d) => setMonth(d)}
          cellRender={(d, info) => {
            if (info.type !== 'date') return info.originNode;
            return (byDay.get(d.format('YYYY-MM-DD')) ?? []).map((a) => (
              <div key={a.id}>
                <Badge
                  status="processing"
                  text={<Link to={`/volunteering/activities/${a.id}`}>{a.title}</Link>}
                />
              </div>
            ));
          }}
        />
      )}
      <ActivityFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          void queryClient.invalidateQueries({ queryKey: ['volunteer-activities'] });
        }}
      />
    </>
  );
}

/** The volunteer association's desk: activities, statistics, anomalies, star volunteers, registrations. */
export default function VolunteeringPage() {
  // The to-do centre links here with ?tab=registrations.
  const [params, setParams] = useSearchParams();
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        志愿服务
      </Typography.Title>
      <Tabs
        activeKey={params.get('tab') ?? 'activities'}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'activities', label: '活动', children: <ActivitiesTab /> },
          { key: 'stats', label: '统计', children: <StatsTab /> },
          { key: 'anomalies', label: '异常时长', children: <AnomaliesTab /> },
          { key: 'stars', label: '星级志愿者', children: <StarsTab /> },
          { key: 'registrations', label: '注册审核', children: <RegistrationsTab /> },
          { key: 'settings', label: '计时规则', children: <SettingsTab /> },
        ]}
      />
    </>
  );
}

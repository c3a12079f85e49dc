import { Card, Descriptions, Empty, Table, Tag, Timeline } from 'antd';
import { ApiError } from '../../api/client';
import {
  departureReasonLabels,
  duesCategoryLabels,
  gradeLabels,
  meetingKindLabels,
  transferReasonLabels,
  transferStatusColors,
  transferStatusLabels,
  useMembership,
  yuanOf,
} from './membershipKit';

const postTitles: Record<string, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  committee_member: '委员',
};

/** 团内经历 on a member's page: admission, transfers, registrations and ratings, dues, meetings, posts. */
export function LeagueLifeCard({ personId }: { personId: number | string }) {
  const life = useMembership('/people/{id}/life', { path: { id: Number(personId) } });
  if (life.error instanceof ApiError && life.error.status === 403) return null;
  const l = life.data;
  return (
    <Card title="团内经历" style={{ marginTop: 16 }} loading={life.isLoading} data-testid="league-life">
      {l && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 3 }}
            items={[
              { key: 'joined', label: '入团日期', children: l.admission.joinedOn ?? '—' },
              { key: 'no', label: '团员编号', children: l.admission.memberNo ?? '—' },
              {
                key: 'applied',
                label: '入团申请',
                children: l.admission.appliedOn
                  ? `${l.admission.appliedOn}（${l.admission.admittedBy}）`
                  : '—',
              },
              { key: 'age', label: '年满28周岁', children: l.ageOutMonth },
              {
                key: 'dues',
                label: '团费标准',
                children: l.dues.category
                  ? `${duesCategoryLabels[l.dues.category]} · 每月 ${yuanOf(l.dues.amountFen)}`
                  : '未核定',
              },
            ]}
          />
          <h4>组织关系转接</h4>
          {l.transfers.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" />
          ) : (
            <Timeline
              items={l.transfers.map((t) => ({
                children: (
                  <span>
                    {t.startedOn} {t.fromOrg.name} → {t.assignedBranch?.name ?? t.toOrg.name}（
                    {transferReasonLabels[t.reason]}）
                    <Tag color={transferStatusColors[t.status]}>{transferStatusLabels[t.status]}</Tag>
                  </span>
                ),
              }))}
            />
          )}
          <h4>团籍注册与教育评议</h4>
          <Table
            size="small"
            rowKey="year"
            pagination={false}
            dataSource={l.evaluations}
            locale={{ emptyText: '无' }}
            columns={[
              { title: '年度', dataIndex: 'year' },
              { title: '评议等次', render: (_, e) => gradeLabels[e.grade] },
              {
                title: '注册',
                render: (_, e) =>
                  e.registered ? <Tag color="green">已注册</Tag> : <Tag color="red">未注册</Tag>,
              },
              { title: '团支部', dataIndex: 'branch' },
            ]}
          />
          <h4 style={{ marginTop: 12 }}>团费（{l.dues.payments.length} 个月）</h4>
          <Table
            size="small"
            rowKey="month"
            pagination={{ pageSize: 6, hideOnSinglePage: true }}
            dataSource={l.dues.payments}
            locale={{ emptyText: '无' }}
            columns={[
              { title: '月份', dataIndex: 'month' },
              { title: '金额', render: (_, p) => yuanOf(p.amountFen) },
              { title: '缴纳日期', dataIndex: 'paidOn' },
            ]}
          />
          <h4 style={{ marginTop: 12 }}>参加组织生活（{l.meetings.length} 次）</h4>
          <Table
            size="small"
            rowKey={(m) => `${m.heldOn}${m.topic}`}
            pagination={{ pageSize: 6, hideOnSinglePage: true }}
            dataSource={l.meetings}
            locale={{ emptyText: '无' }}
            columns={[
              { title: '日期', dataIndex: 'heldOn' },
              { title: '类型', render: (_, m) => meetingKindLabels[m.kind] },
              { title: '主题', dataIndex: 'topic' },
            ]}
          />
          <h4 style={{ marginTop: 12 }}>团内职务</h4>
          <Table
            size="small"
            rowKey={(p) => `${p.org}${p.startedOn}`}
            pagination={false}
            dataSource={l.posts}
            locale={{ emptyText: '无' }}
            columns={[
              { title: '职务', render: (_, p) => `${p.org} ${postTitles[p.title] ?? p.title}` },
              { title: '任职', render: (_, p) => `${p.startedOn} 至 ${p.endedOn ?? '今'}` },
            ]}
          />
          {l.departures.map((d) => (
            <p key={d.leftOn}>
              <Tag color="default">{departureReasonLabels[d.reason]}</Tag> {d.leftOn} 离团（{d.branch}）
              {d.note ?? ''}
            </p>
          ))}
        </>
      )}
    </Card>
  );
}

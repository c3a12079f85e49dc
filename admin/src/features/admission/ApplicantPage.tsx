import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  List,
  Result,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { http, ok } from '../../api/http';
import {
  type AdmissionDetail,
  type ChecklistItem,
  recommendedByLabels,
  reminderLabels,
  statusColors,
  statusLabels,
} from './admissionApi';
import { type StepKey, StepModal } from './StepModal';

const STEP_BUTTONS: Record<StepKey, { label: string; primary?: boolean }> = {
  talk: { label: '记录谈话', primary: true },
  activist: { label: '确定为入团积极分子', primary: true },
  candidate: { label: '确定为发展对象', primary: true },
  vote: { label: '支部大会表决', primary: true },
  approve: { label: '审批', primary: true },
  ceremony: { label: '记录入团仪式', primary: true },
  'vote-correction': { label: '更正表决' },
  'civics-grade': { label: '登记思政课评价' },
  withdraw: { label: '撤回申请' },
  reject: { label: '不予通过' },
};

/**
 * The steps the server lists for this user on this path (`actions`, from the rule each step's route
 * enforces: issue 17, item 8), in the order above. The talk comes before the activist step: each is offered
 * in its turn.
 */
function stepsFor(a: AdmissionDetail): { key: StepKey; label: string; primary?: boolean }[] {
  const offered = new Set(a.actions);
  if (a.talkOn) offered.delete('talk');
  else offered.delete('activist');
  return (Object.keys(STEP_BUTTONS) as StepKey[])
    .filter((key) => offered.has(key))
    .map((key) => ({ key, ...STEP_BUTTONS[key] }));
}

function Evidence({ item }: { item: ChecklistItem }) {
  if (item.evidence.length === 0) return null;
  return (
    <ul style={{ margin: '4px 0 0', paddingLeft: 18, fontSize: 12 }}>
      {item.evidence.map((e) => (
        <li key={`${e.kind}-${e.code}`}>
          {e.on} {e.title}（{e.code}）{e.hours} {e.kind === 'class' ? `学时 ${e.result}` : '小时'}
        </li>
      ))}
    </ul>
  );
}

export default function ApplicantPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [step, setStep] = useState<StepKey | null>(null);
  const detail = useQuery({
    queryKey: ['admissions', 'detail', id],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/admissions/{id}', { params: { path: { id: Number(id) } }, signal })),
  });
  if (detail.isLoading) return <Skeleton active />;
  if (detail.isError || !detail.data)
    return (
      <Result
        status="error"
        title="加载失败"
        subTitle={errorMessage(detail.error)}
        extra={<Link to="/admission">返回</Link>}
      />
    );
  const a = detail.data;
  const met = a.checklist.items.filter((i) => i.met).length;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate(-1)}
        style={{ paddingLeft: 0 }}
      >
        返回
      </Button>
      <Card
        title={
          <Space wrap>
            <span data-testid="applicant-name">{a.person.name}</span>
            <Tag color={statusColors[a.status]} data-testid="applicant-status">
              {statusLabels[a.status] ?? a.status}
            </Tag>
          </Space>
        }
      >
        {a.reminders.map((r) => (
          <Alert
            key={r}
            type="warning"
            showIcon
            message={reminderLabels[r] ?? r}
            style={{ marginBottom: 8 }}
          />
        ))}
        {a.endReason && (
          <Alert
            type="info"
            showIcon
            message={`${statusLabels[a.status]}：${a.endReason}`}
            style={{ marginBottom: 8 }}
          />
        )}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
          items={[
            { key: 'id', label: '证件号码', children: a.person.idNumberMasked },
            { key: 'org', label: '团支部', children: a.org.name },
            {
              key: 'rb',
              label: '推荐方式',
              children: a.recommendedBy ? recommendedByLabels[a.recommendedBy] : '—',
            },
            { key: 'civics', label: '思政课评价', children: a.civicsGrade ?? '—' },
            { key: 'mentors', label: '培养联系人', children: a.mentors.map((m) => m.name).join('、') || '—' },
            {
              key: 'intro',
              label: '入团介绍人',
              children: a.introducers.map((m) => m.name).join('、') || '—',
            },
            {
              key: 'pub',
              label: '公示期',
              children: a.publicityFrom ? `${a.publicityFrom} 至 ${a.publicityTo}` : '—',
            },
            {
              key: 'vote',
              label: '支部大会',
              children: a.vote
                ? // The server leaves 实到/赞成 empty for a vote recorded without them (an imported path).
                  `${a.branchVoteOn ?? a.endedOn}：应到 ${a.vote.shouldAttend}，实到 ${a.vote.attended ?? '—'}，赞成 ${a.vote.yes ?? '—'}`
                : '—',
            },
            { key: 'no', label: '团员编号', children: a.memberNo ?? '—' },
          ]}
        />
        <Space wrap style={{ marginTop: 12 }}>
          {stepsFor(a).map((s) => (
            <Button
              key={s.key}
              type={s.primary ? 'primary' : 'default'}
              onClick={() => setStep(s.key)}
              data-testid={`step-${s.key}`}
            >
              {s.label}
            </Button>
          ))}
        </Space>
      </Card>
      {a.quotaWarning && <Alert type="warning" showIcon message={a.quotaWarning} />}
      <Card
        size="small"
        title={`入团条件（${met}/${a.checklist.items.length} 项满足，截至 ${a.checklist.asOf}）`}
        data-testid="checklist"
      >
        <List
          dataSource={a.checklist.items}
          renderItem={(item) => (
            <List.Item data-testid={`condition-${item.key}`} data-met={item.met ? 'yes' : 'no'}>
              <Space align="start">
                {item.met ? (
                  <CheckCircleFilled style={{ color: '#389e0d' }} />
                ) : (
                  <CloseCircleFilled style={{ color: '#cf1322' }} />
                )}
                <div>
                  <Typography.Text strong>{item.label}</Typography.Text>{' '}
                  <Tag>{item.source === 'rule' ? '团章规定' : '本地条件'}</Tag>
                  <div style={{ fontSize: 13 }}>{item.detail}</div>
                  <Evidence item={item} />
                </div>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title="办理记录">
        <Timeline
          items={a.timeline.map((t) => ({
            children: (
              <>
                <Typography.Text strong>
                  {t.on} {t.label}
                </Typography.Text>
                <div style={{ fontSize: 12 }}>
                  {t.note ? `${t.note} · ` : ''}经办：{t.by ?? '—'}
                </div>
              </>
            ),
          }))}
        />
      </Card>
      <StepModal step={step} admission={a} onClose={() => setStep(null)} />
    </Space>
  );
}

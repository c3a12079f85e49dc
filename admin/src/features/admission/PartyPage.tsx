import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, ok, type RequestBody, saveFile } from '../../api/http';
import { Allowed } from '../../app/Allowed';
import { useAuth } from '../../app/auth';
import { today } from '../../app/dates';
import { FormModal } from '../../app/FormModal';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { PersonPicker } from '../people/PersonPicker';
import type { PartyCase } from './admissionApi';

const CASE_STATUS: Record<string, string> = {
  screened: '已初步筛选',
  proposed: '支委会已提出',
  recommended: '已推荐',
  not_recommended: '未获推荐',
};
const OUTCOMES = ['已推荐', '已列为积极分子', '已列为发展对象', '已入党', '未通过'];

type Action = { kind: 'screen' } | { kind: 'propose' | 'ballot' | 'outcome'; c: PartyCase };

/** 推优入党 (DOMAIN.md): screening, the branch committee's proposal, the secret ballot, and outcomes. */
export default function PartyPage() {
  const { user, may } = useAuth();
  const [org, setOrg] = useState<string | undefined>(user?.org.code);
  const [action, setAction] = useState<Action | null>(null);
  const list = useQuery({
    queryKey: ['party', org],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/party-recommendations', { params: { query: { org } }, signal })),
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            推优入党
          </Typography.Title>
          <OrgTreeSelect value={org} onChange={setOrg} style={{ minWidth: 220, maxWidth: '100%' }} />
          <Allowed op={['post', '/api/party-recommendations']}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAction({ kind: 'screen' })}>
              初步筛选
            </Button>
          </Allowed>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              saveFile(
                () =>
                  http.GET('/api/party-recommendations/export', {
                    params: { query: { org } },
                    parseAs: 'stream',
                  }),
                '推优入党名单.xlsx',
              ).catch(() => undefined)
            }
          >
            导出台账
          </Button>
        </Space>
      </Card>
      {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} />}
      <Card size="small" title="推优程序" styles={{ body: { padding: 0 } }}>
        <List
          loading={list.isLoading}
          dataSource={list.data?.cases ?? []}
          renderItem={(c) => (
            <List.Item style={{ padding: '10px 16px', flexWrap: 'wrap', gap: 8 }}>
              <Space direction="vertical" size={0}>
                <Space wrap>
                  <Typography.Text strong>{c.person.name}</Typography.Text>
                  <Tag color={c.status === 'recommended' ? 'red' : 'default'}>{CASE_STATUS[c.status]}</Tag>
                  {c.outcome && <Tag color="gold">{c.outcome}</Tag>}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.org.name} · {c.stage} · 入党申请 {c.partyAppliedOn} · 筛选 {c.screenedOn}
                  {c.ballot
                    ? ` · 投票 ${c.ballot.on}：应到 ${c.ballot.shouldAttend ?? '—'}，实到 ${c.ballot.attended ?? '—'}，赞成 ${c.ballot.yes ?? '—'}`
                    : ''}
                </Typography.Text>
              </Space>
              {c.status === 'screened' && may('post', '/api/party-recommendations/{id}/propose') && (
                <Button size="small" onClick={() => setAction({ kind: 'propose', c })}>
                  支委会提出
                </Button>
              )}
              {c.status === 'proposed' && may('post', '/api/party-recommendations/{id}/ballot') && (
                <Button size="small" onClick={() => setAction({ kind: 'ballot', c })}>
                  团员大会投票
                </Button>
              )}
              {c.status === 'recommended' && may('post', '/api/party-recommendations/{id}/outcome') && (
                <Button size="small" onClick={() => setAction({ kind: 'outcome', c })}>
                  登记结果
                </Button>
              )}
            </List.Item>
          )}
        />
      </Card>
      <Card
        size="small"
        title={`推优入党台账（${list.data?.recommendations.length ?? 0}）`}
        styles={{ body: { padding: 0 } }}
      >
        <List
          dataSource={list.data?.recommendations ?? []}
          renderItem={(r) => (
            <List.Item style={{ padding: '8px 16px' }}>
              {r.recommendedOn} {r.person.name}（{r.org.name}）{r.stage} · {r.outcome ?? '—'}
            </List.Item>
          )}
        />
      </Card>
      {action && <PartyModal action={action} org={org} onClose={() => setAction(null)} />}
    </Space>
  );
}

function PartyModal({ action, org, onClose }: { action: Action; org?: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const title = {
    screen: '初步筛选推优人选',
    propose: '支委会提出人选',
    ballot: '团员大会无记名投票',
    outcome: '登记党组织处理结果',
  }[action.kind];
  const num = (name: string, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
      <InputNumber min={0} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <FormModal
      title={title}
      initialValues={{ on: today(), screenedOn: today(), orgCode: org, stage: '入党积极分子' }}
      save={(v: Record<string, unknown>) => {
        // The form's fields are those of the step's body (antd forms are not typed).
        if (action.kind === 'screen')
          return ok(
            http.POST('/api/party-recommendations', { body: v as RequestBody<'/api/party-recommendations'> }),
          );
        const params = { path: { id: action.c.id } };
        if (action.kind === 'propose')
          return ok(
            http.POST('/api/party-recommendations/{id}/propose', {
              params,
              body: v as RequestBody<'/api/party-recommendations/{id}/propose'>,
            }),
          );
        if (action.kind === 'ballot')
          return ok(
            http.POST('/api/party-recommendations/{id}/ballot', {
              params,
              body: v as RequestBody<'/api/party-recommendations/{id}/ballot'>,
            }),
          );
        return ok(
          http.POST('/api/party-recommendations/{id}/outcome', {
            params,
            body: v as RequestBody<'/api/party-recommendations/{id}/outcome'>,
          }),
        );
      }}
      onSaved={() => queryClient.invalidateQueries({ queryKey: ['party'] })}
      onClose={onClose}
    >
      {action.kind === 'screen' && (
        <>
          <Form.Item
            name="personId"
            label="团员（年满18周岁）"
            rules={[{ required: true, message: '请选择团员' }]}
          >
            <PersonPicker org={org} politicalStatus="league_member" />
          </Form.Item>
          <Form.Item name="orgCode" label="团支部" rules={[{ required: true, message: '请选择团支部' }]}>
            <OrgTreeSelect />
          </Form.Item>
          <Form.Item
            name="partyAppliedOn"
            label="递交入党申请书日期"
            rules={[{ required: true, message: '请填写' }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="screenedOn" label="筛选日期" rules={[{ required: true, message: '请填写' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="stage" label="推荐类型">
            <Radio.Group options={['入党积极分子', '发展对象']} />
          </Form.Item>
        </>
      )}
      {(action.kind === 'propose' || action.kind === 'ballot') && (
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请填写日期' }]}>
          <Input type="date" />
        </Form.Item>
      )}
      {action.kind === 'ballot' && (
        <>
          {num('shouldAttend', '应到会人数')}
          {num('attended', '实到人数')}
          {num('yes', '赞成票（须超过应到会人数的半数）')}
        </>
      )}
      {action.kind === 'outcome' && (
        <Form.Item name="outcome" label="结果" rules={[{ required: true, message: '请选择结果' }]}>
          <Select options={OUTCOMES.map((o) => ({ value: o, label: o }))} />
        </Form.Item>
      )}
    </FormModal>
  );
}

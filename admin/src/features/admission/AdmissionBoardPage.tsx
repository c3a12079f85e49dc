import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Col, Collapse, Empty, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { http, ok, type Query, saveFile } from '../../api/http';
import { useAuth } from '../../app/auth';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { ApplyModal } from './ApplyModal';
import { reminderLabels, statusLabels } from './admissionApi';
import { SettingsPanel } from './SettingsPanel';

type Reminder = Query<'/api/admissions'>['reminder'];

const STAGES = ['applied', 'activist', 'candidate', 'admitted'] as const;

/** The pipeline board of a branch or a committee: a column per stage, with counts and reminders. */
export default function AdmissionBoardPage() {
  const { user } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const org = params.get('org') ?? user?.org.code ?? '';
  // The to-do centre links here with ?reminder=… : only the paths carrying that reminder are shown.
  const reminder = params.get('reminder') ?? undefined;
  const [applying, setApplying] = useState(false);
  const board = useQuery({
    queryKey: ['admissions', 'board', org, reminder],
    queryFn: ({ signal }) =>
      ok(
        http.GET('/api/admissions', {
          params: { query: { org, reminder: reminder as Reminder | undefined } },
          signal,
        }),
      ),
    enabled: Boolean(org),
  });
  const b = board.data;
  const ended = b?.items.filter((i) => i.status === 'rejected' || i.status === 'withdrawn') ?? [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            推优入团
          </Typography.Title>
          <OrgTreeSelect
            value={org}
            onChange={(code) => code && setParams(reminder ? { org: code, reminder } : { org: code })}
            style={{ minWidth: 220, maxWidth: '100%' }}
          />
          {/* Only the branch itself registers applications: the server says so on the board (actions). */}
          {b?.actions.includes('apply') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setApplying(true)}
              data-testid="admission-apply"
            >
              登记入团申请
            </Button>
          )}
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              saveFile(
                () => http.GET('/api/admissions/export', { params: { query: { org } }, parseAs: 'stream' }),
                '发展团员名单.xlsx',
              ).catch((e) => message.error(errorMessage(e)))
            }
          >
            导出
          </Button>
        </Space>
      </Card>
      {board.isError && <Alert type="error" showIcon message={errorMessage(board.error)} />}
      {reminder && (
        <Alert
          type="info"
          showIcon
          data-testid="admission-filter"
          message={`仅显示：${reminderLabels[reminder] ?? reminder}（${b?.items.length ?? 0} 人）`}
          action={
            <Button size="small" onClick={() => setParams(org ? { org } : {})}>
              显示全部
            </Button>
          }
        />
      )}
      {b && Object.values(b.reminders).some((n) => n > 0) && (
        <Alert
          type="warning"
          showIcon
          data-testid="admission-reminders"
          message={Object.entries(b.reminders)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${reminderLabels[k] ?? k} ${n} 人`)
            .join('；')}
        />
      )}
      <Row gutter={[12, 12]} data-testid="admission-board">
        {STAGES.map((stage) => {
          const items = b?.items.filter((i) => i.status === stage) ?? [];
          return (
            <Col key={stage} xs={24} md={12} xl={6}>
              <Card
                size="small"
                loading={board.isLoading}
                data-testid={`stage-${stage}`}
                title={
                  <Space>
                    {statusLabels[stage]}
                    <Badge count={b?.counts[stage] ?? 0} showZero color="#c41d1d" overflowCount={9999} />
                  </Space>
                }
                styles={{ body: { maxHeight: 520, overflowY: 'auto', padding: 8 } }}
              >
                {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无" />}
                <Space direction="vertical" style={{ width: '100%' }} size={8}>
                  {items.map((i) => (
                    <Link key={i.id} to={`/admission/${i.id}`} data-testid="admission-card">
                      <Card size="small" hoverable styles={{ body: { padding: 10 } }}>
                        <Space direction="vertical" size={2} style={{ width: '100%' }}>
                          <Typography.Text strong>{i.person.name}</Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {i.org.name} · 申请 {i.appliedOn}
                          </Typography.Text>
                          {i.reminders.map((r) => (
                            <Tag key={r} color="warning" style={{ whiteSpace: 'normal' }}>
                              {reminderLabels[r] ?? r}
                            </Tag>
                          ))}
                        </Space>
                      </Card>
                    </Link>
                  ))}
                </Space>
              </Card>
            </Col>
          );
        })}
      </Row>
      {ended.length > 0 && (
        <Card
          size="small"
          title={`已结束（未通过 ${b?.counts.rejected ?? 0}，撤回 ${b?.counts.withdrawn ?? 0}）`}
        >
          <Space wrap>
            {ended.map((i) => (
              <Link key={i.id} to={`/admission/${i.id}`}>
                <Tag>
                  {i.person.name}（{statusLabels[i.status]}）
                </Tag>
              </Link>
            ))}
          </Space>
        </Card>
      )}
      {b && b.org.kind !== 'branch' && (
        <Collapse
          items={[
            {
              key: 'settings',
              label: '发展团员条件与毕业班比例',
              children: (
                <SettingsPanel
                  org={org}
                  editable={Boolean(user?.roles.some((r) => r === 'org_admin' || r === 'system_admin'))}
                />
              ),
            },
          ]}
        />
      )}
      <ApplyModal open={applying} orgCode={org} onClose={() => setApplying(false)} />
    </Space>
  );
}

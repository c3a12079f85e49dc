import { ArrowLeftOutlined, EditOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { http, ok } from '../../api/http';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/forms';
import { type IdType, idTypeLabels } from '../../app/idDocument';
import { label, politicalStatusLabels } from '../../app/labels';
import { LeagueLifeCard } from '../membership/LeagueLifeCard';
import { PersonFormModal } from './PersonFormModal';

const mono = { fontFamily: 'monospace' } as const;

export default function PersonPage() {
  const { id = '' } = useParams();
  const { can, may } = useAuth();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null>(null);

  const person = useQuery({
    queryKey: ['people', 'detail', id],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/people/{id}', { params: { path: { id: Number(id) } }, signal })),
  });

  const reveal = useMutation({
    mutationFn: () => ok(http.POST('/api/people/{id}/reveal-id', { params: { path: { id: Number(id) } } })),
    onSuccess: (r) => setRevealed(r.idNumber),
  });
  // The whole phone, like the whole identity number, is fetched on demand and each showing is audited.
  const revealPhone = useMutation({
    mutationFn: () =>
      ok(http.POST('/api/people/{id}/reveal-phone', { params: { path: { id: Number(id) } } })),
    onSuccess: (r) => setPhone(r.phone ?? ''),
  });

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingLeft: 0 }}>
      返回
    </Button>
  );

  if (person.isLoading) return <Skeleton active />;
  if (person.isError || !person.data) {
    const notFound = person.error instanceof ApiError && person.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '未找到此人员' : '加载失败'}
        subTitle={errorMessage(person.error)}
        extra={<Link to="/people">返回人员列表</Link>}
      />
    );
  }

  const p = person.data;

  return (
    <>
      {back}
      <Card
        title={
          <Space wrap>
            <span>{p.name}</span>
            <Tag color={p.politicalStatus === 'league_member' ? 'red' : 'default'}>
              {label(politicalStatusLabels, p.politicalStatus)}
            </Tag>
          </Space>
        }
        extra={
          may('patch', '/api/people/{id}') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="person-edit">
              编辑
            </Button>
          )
        }
      >
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'name', label: '姓名', children: p.name },
            { key: 'gender', label: '性别', children: p.gender ?? '—' },
            { key: 'age', label: '年龄', children: `${p.age} 周岁` },
            { key: 'ethnicity', label: '民族', children: p.ethnicity || '—' },
            {
              key: 'idNumber',
              label: idTypeLabels[p.idType as IdType] ?? '证件号码',
              span: { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 },
              children: (
                <Space wrap>
                  <span style={mono} data-testid="person-id-number">
                    {revealed ?? p.idNumberMasked}
                  </span>
                  {!revealed && may('post', '/api/people/{id}/reveal-id') && (
                    <Button
                      size="small"
                      icon={<EyeOutlined />}
                      loading={reveal.isPending}
                      onClick={() => reveal.mutate()}
                      data-testid="reveal-id"
                    >
                      查看完整号码
                    </Button>
                  )}
                  {revealed && (
                    <Typography.Text type="warning">
                      <SafetyCertificateOutlined /> 已记录审计日志（查看人和时间已留痕）
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              key: 'phone',
              label: '手机号码',
              children: (
                <Space wrap>
                  <span style={mono} data-testid="person-phone">
                    {phone || p.phoneMasked || '—'}
                  </span>
                  {phone == null && p.phoneMasked && (
                    <Button
                      size="small"
                      icon={<EyeOutlined />}
                      loading={revealPhone.isPending}
                      onClick={() => revealPhone.mutate()}
                      data-testid="reveal-phone"
                    >
                      查看完整号码
                    </Button>
                  )}
                </Space>
              ),
            },
            { key: 'ps', label: '政治面貌', children: label(politicalStatusLabels, p.politicalStatus) },
            { key: 'org', label: '所在团组织', children: p.org?.name ?? '—' },
            { key: 'joinedOn', label: '入团日期', children: p.joinedOn ?? '—' },
            { key: 'memberNo', label: '团员编号', children: <span style={mono}>{p.memberNo || '—'}</span> },
            { key: 'education', label: '学历', children: p.education || '—' },
            { key: 'workplace', label: '工作单位/学校', children: p.workplace || '—' },
            { key: 'createdAt', label: '创建时间', children: formatDateTime(p.createdAt) },
            { key: 'updatedAt', label: '更新时间', children: formatDateTime(p.updatedAt) },
          ]}
        />
        {revealPhone.isError && (
          <Alert type="error" showIcon title={errorMessage(revealPhone.error)} style={{ marginTop: 16 }} />
        )}
        {reveal.isError && (
          <Alert type="error" showIcon title={errorMessage(reveal.error)} style={{ marginTop: 16 }} />
        )}
      </Card>
      {/* The league record is staff's to read (person.read); a volunteer organiser sees his volunteer only. */}
      {can('person.read') && <LeagueLifeCard personId={p.id} />}
      {editing && <PersonFormModal mode="edit" person={p} onClose={() => setEditing(false)} />}
    </>
  );
}

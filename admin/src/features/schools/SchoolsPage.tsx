import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { http, ok, type RequestBody } from '../../api/http';
import { useAuth } from '../../app/auth';
import { FormModal } from '../../app/FormModal';
import { applyServerErrors } from '../../app/forms';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { TEACHER_KINDS } from './labels';

/** 团校: hosted by orgs, with a 名誉校长 and teachers by kind; their 团课 below each. */
export default function SchoolsPage() {
  const { may } = useAuth();
  // From the routes' own declarations (me.writes), not a list of roles restated here.
  const manage = may('post', '/api/schools');
  const [creating, setCreating] = useState(false);
  const schools = useQuery({
    queryKey: ['schools'],
    queryFn: ({ signal }) => ok(http.GET('/api/schools', { signal })),
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            团校
          </Typography.Title>
          {manage && (
            <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              设立团校
            </Button>
          )}
          <Link to="/classes">团课与考勤</Link>
        </Space>
      </Card>
      {schools.isError && <Alert type="error" showIcon message={errorMessage(schools.error)} />}
      <Collapse
        items={(schools.data?.items ?? []).map((s) => ({
          key: s.code,
          label: (
            <Space wrap>
              <Typography.Text strong>{s.name}</Typography.Text>
              <Tag>{s.org.name}</Tag>
            </Space>
          ),
          children: <SchoolBody code={s.code} manage={may('post', '/api/schools/{code}/teachers')} />,
        }))}
      />
      <NewSchoolModal open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}

function SchoolBody({ code, manage }: { code: string; manage: boolean }) {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const key = ['schools', code];
  const school = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => ok(http.GET('/api/schools/{code}', { params: { path: { code } }, signal })),
  });
  const add = useMutation({
    mutationFn: (v: RequestBody<'/api/schools/{code}/teachers'>) =>
      ok(http.POST('/api/schools/{code}/teachers', { params: { path: { code } }, body: v })),
    onSuccess: (s) => {
      queryClient.setQueryData(key, s);
      form.resetFields();
    },
    onError: (e) => applyServerErrors(form, e),
  });
  const s = school.data;
  if (!s) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>
        名誉校长：{s.honoraryPrincipal ?? '—'} · 成立日期：{s.establishedOn ?? '—'}
      </Typography.Text>
      <Typography.Text strong>教员</Typography.Text>
      <Space wrap>
        {s.teachers.length === 0 && <Typography.Text type="secondary">暂无</Typography.Text>}
        {s.teachers.map((t) => (
          <Tag key={t.id}>
            {t.name}（{t.kind}）
          </Tag>
        ))}
      </Space>
      {manage && (
        <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)}>
          <Form.Item name="name" rules={[{ required: true, message: '姓名' }]}>
            <Input placeholder="教员姓名" maxLength={50} />
          </Form.Item>
          <Form.Item name="kind" rules={[{ required: true, message: '类型' }]}>
            <Select
              placeholder="类型"
              style={{ width: 140 }}
              options={TEACHER_KINDS.map((k) => ({ value: k, label: k }))}
            />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            登记教员
          </Button>
        </Form>
      )}
      <Typography.Text strong>团课（{s.classes.length}）</Typography.Text>
      <List
        size="small"
        dataSource={s.classes}
        renderItem={(c) => (
          <List.Item>
            <Link to={`/classes/${encodeURIComponent(c.code)}`}>
              {c.heldOn} {c.title}（{c.hours} 学时，考勤 {c.attendees} 人）
            </Link>
          </List.Item>
        )}
      />
    </Space>
  );
}

function NewSchoolModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  return (
    <FormModal
      title="设立团校"
      open={open}
      onClose={onClose}
      save={(v: RequestBody<'/api/schools'>) => ok(http.POST('/api/schools', { body: v }))}
      onSaved={() => queryClient.invalidateQueries({ queryKey: ['schools'] })}
    >
      <Form.Item name="code" label="团校编码" rules={[{ required: true, message: '请填写团校编码' }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="name" label="团校名称" rules={[{ required: true, message: '请填写团校名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="orgCode" label="举办组织" rules={[{ required: true, message: '请选择组织' }]}>
        <OrgTreeSelect />
      </Form.Item>
      <Form.Item name="honoraryPrincipal" label="名誉校长">
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="establishedOn" label="成立日期">
        <Input type="date" />
      </Form.Item>
    </FormModal>
  );
}

import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { http, ok, type RequestBody, saveFile } from '../../api/http';
import { Allowed } from '../../app/Allowed';
import { FormModal } from '../../app/FormModal';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { TEACHER_KINDS } from './labels';

/** 团课 of the caller's subtree and those held above it; a branch secretary takes attendance from here. */
export default function ClassesPage() {
  const [creating, setCreating] = useState(false);
  const classes = useQuery({
    queryKey: ['classes'],
    queryFn: ({ signal }) => ok(http.GET('/api/classes', { signal })),
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            团课
          </Typography.Title>
          <Allowed op={['post', '/api/classes']}>
            <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记团课
            </Button>
          </Allowed>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              saveFile(
                () => http.GET('/api/classes/attendance/export', { parseAs: 'stream' }),
                '团课考勤.xlsx',
              ).catch(() => undefined)
            }
          >
            导出考勤
          </Button>
          <Link to="/schools">团校</Link>
        </Space>
      </Card>
      {classes.isError && <Alert type="error" showIcon message={errorMessage(classes.error)} />}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <List
          loading={classes.isLoading}
          data-testid="classes-list"
          dataSource={classes.data?.items ?? []}
          renderItem={(c) => (
            <List.Item style={{ padding: '10px 16px' }}>
              <Link
                to={`/classes/${encodeURIComponent(c.code)}`}
                style={{ width: '100%' }}
                data-testid="class-link"
              >
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{c.title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.heldOn} · {c.hours} 学时 · {c.org.name} · 考勤 {c.attendees} 人
                  </Typography.Text>
                  {c.school && <Tag style={{ marginTop: 4 }}>{c.school.name}</Tag>}
                </Space>
              </Link>
            </List.Item>
          )}
        />
      </Card>
      <NewClassModal open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}

function NewClassModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  return (
    <FormModal
      title="登记团课"
      open={open}
      onClose={onClose}
      save={(v: RequestBody<'/api/classes'>) => ok(http.POST('/api/classes', { body: v }))}
      onSaved={() => queryClient.invalidateQueries({ queryKey: ['classes'] })}
    >
      <Form.Item name="code" label="课程编号" rules={[{ required: true, message: '请填写课程编号' }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="title" label="课程名称" rules={[{ required: true, message: '请填写课程名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="orgCode" label="举办组织" rules={[{ required: true, message: '请选择组织' }]}>
        <OrgTreeSelect />
      </Form.Item>
      <Form.Item name="heldOn" label="上课日期" rules={[{ required: true, message: '请填写上课日期' }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
        <InputNumber min={0.1} max={24} step={0.5} precision={1} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="teacher" label="授课人">
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="teacherKind" label="授课人类型">
        <Select allowClear options={TEACHER_KINDS.map((k) => ({ value: k, label: k }))} />
      </Form.Item>
    </FormModal>
  );
}

import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  List,
  Radio,
  Result,
  Skeleton,
  Space,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { http, ok, type RequestBody } from '../../api/http';
import { useAuth } from '../../app/auth';
import { applyServerErrors } from '../../app/forms';
import { PersonPicker, type PickedPerson, personNamed } from '../people/PersonPicker';

/** A class and its attendance; the secretary adds his people as 合格 or 不合格 (re-recording changes it). */
export default function ClassPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ personId: PickedPerson; result: 'passed' | 'failed' }>();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const { may } = useAuth();
  // Who takes attendance (me.writes): school staff and branch secretaries; a reader sees the register only.
  const mark = may('put', '/api/classes/{code}/attendance');
  const key = ['classes', 'detail', code];
  const detail = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => ok(http.GET('/api/classes/{code}', { params: { path: { code } }, signal })),
  });
  const record = useMutation({
    mutationFn: (records: RequestBody<'/api/classes/{code}/attendance', 'put'>['records']) =>
      ok(http.PUT('/api/classes/{code}/attendance', { params: { path: { code } }, body: { records } })),
    onSuccess: (c) => {
      queryClient.setQueryData(key, c);
      queryClient.invalidateQueries({ queryKey: ['admissions'] });
      queryClient.invalidateQueries({ queryKey: ['classes'], exact: true });
      form.resetFields(['personId']);
      setError(null);
      message.success('考勤已记录');
    },
  });
  if (detail.isLoading) return <Skeleton active />;
  if (detail.isError || !detail.data)
    return (
      <Result
        status="error"
        title="加载失败"
        subTitle={errorMessage(detail.error)}
        extra={<Link to="/classes">返回</Link>}
      />
    );
  const c = detail.data;
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
      <Card title={c.title} size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'd', label: '上课日期', children: c.heldOn },
            { key: 'h', label: '学时', children: c.hours },
            { key: 'o', label: '举办组织', children: c.org.name },
            { key: 's', label: '团校', children: c.school?.name ?? '—' },
            {
              key: 't',
              label: '授课人',
              children: c.teacher ? `${c.teacher}（${c.teacherKind ?? '—'}）` : '—',
            },
          ]}
        />
      </Card>
      {mark && (
        <Card title="记录考勤" size="small">
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Form
            form={form}
            layout="vertical"
            initialValues={{ result: 'passed' }}
            onFinish={(v) =>
              record.mutate([{ ...personNamed(v.personId), result: v.result }], {
                // A refused reference (stale, or not his) is shown on 学员, where he finds the person again.
                onError: (e) => setError(applyServerErrors(form, e, { personRef: 'personId' })),
              })
            }
          >
            <Form.Item name="personId" label="学员" rules={[{ required: true, message: '请选择学员' }]}>
              <PersonPicker data-testid="attendance-person" />
            </Form.Item>
            <Form.Item name="result" label="考核结果">
              <Radio.Group
                options={[
                  { value: 'passed', label: '合格' },
                  { value: 'failed', label: '不合格' },
                ]}
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              loading={record.isPending}
              block
              data-testid="attendance-save"
            >
              保存考勤
            </Button>
          </Form>
        </Card>
      )}
      <Card title={`考勤名单（${c.attendance.length} 人）`} size="small" styles={{ body: { padding: 0 } }}>
        <List
          data-testid="attendance-list"
          dataSource={c.attendance}
          renderItem={(a) => (
            <List.Item
              style={{ padding: '8px 16px' }}
              actions={
                mark
                  ? [
                      <Button
                        key="t"
                        size="small"
                        onClick={() =>
                          record.mutate(
                            [{ personId: a.personId, result: a.result === 'passed' ? 'failed' : 'passed' }],
                            { onError: (e) => setError(errorMessage(e)) },
                          )
                        }
                      >
                        改为{a.result === 'passed' ? '不合格' : '合格'}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space wrap>
                {a.name}
                <Tag color={a.result === 'passed' ? 'green' : 'red'}>
                  {a.result === 'passed' ? '合格' : '不合格'}
                </Tag>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

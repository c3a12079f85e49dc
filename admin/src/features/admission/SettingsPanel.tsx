import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, InputNumber, Radio, Select, Space, Switch, Table, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { http, ok, type RequestBody } from '../../api/http';
import { thisYear } from '../../app/dates';
import { applyServerErrors } from '../../app/forms';
import type { Quota } from './admissionApi';

type SettingsInput = Omit<RequestBody<'/api/admissions/settings', 'put'>, 'org'>;
type QuotaInput = Omit<RequestBody<'/api/admissions/quotas', 'put'>, 'org'>;

/** Local conditions a committee sets for its subtree (DOMAIN.md: configurable), and graduating-class quotas. */
export function SettingsPanel({ org, editable }: { org: string; editable: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [quotaForm] = Form.useForm();
  const settings = useQuery({
    queryKey: ['admissions', 'settings', org],
    queryFn: ({ signal }) => ok(http.GET('/api/admissions/settings', { params: { query: { org } }, signal })),
  });
  const quotas = useQuery({
    queryKey: ['admissions', 'quotas', org],
    queryFn: ({ signal }) => ok(http.GET('/api/admissions/quotas', { params: { query: { org } }, signal })),
  });
  const save = useMutation({
    mutationFn: (v: SettingsInput) => ok(http.PUT('/api/admissions/settings', { body: { ...v, org } })),
    onSuccess: (s) => {
      queryClient.setQueryData(['admissions', 'settings', org], s);
      queryClient.invalidateQueries({ queryKey: ['admissions'] });
      message.success('已保存');
    },
    onError: (e) => {
      const m = applyServerErrors(form, e);
      if (m) message.error(m);
    },
  });
  const saveQuota = useMutation({
    mutationFn: (v: QuotaInput) => ok(http.PUT('/api/admissions/quotas', { body: { ...v, org } })),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['admissions', 'quotas'] });
      quotaForm.resetFields();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const s = settings.data;
  if (settings.isError) return <Alert type="error" showIcon message={errorMessage(settings.error)} />;
  if (!s) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {s.setBy
          ? `现行条件由 ${s.setBy.name} 设置`
          : '现行条件为默认值（思政课优秀或良好、8学时团课、近12个月20小时志愿服务）'}
      </Typography.Text>
      <Form
        form={form}
        layout="vertical"
        initialValues={s}
        onFinish={(v) => save.mutate(v)}
        disabled={!editable}
      >
        <Form.Item name="civicsRequired" label="要求思政课评价为优秀或良好" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="minClassHours" label="团课学时（不少于8）">
          <InputNumber min={8} max={200} step={1} />
        </Form.Item>
        <Form.Item name="minVolunteerHours" label="近12个月志愿服务小时数（0 为不要求）">
          <InputNumber min={0} max={1000} />
        </Form.Item>
        <Form.Item name="voteBase" label="支部大会赞成票过半数的基数">
          <Radio.Group
            options={[
              { value: 'attending', label: '到会人数' },
              { value: 'should_attend', label: '应到会人数' },
            ]}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="quotaJuniorPct" label="初中毕业班团员比例上限 %">
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name="quotaSeniorPct" label="高中毕业班团员比例上限 %">
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Space>
        {editable && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存条件
          </Button>
        )}
      </Form>
      <Typography.Title level={5}>毕业班团员比例</Typography.Title>
      <Table<Quota>
        size="small"
        rowKey={(q) => `${q.org.code}-${q.year}-${q.schoolStage}`}
        pagination={false}
        scroll={{ x: true }}
        dataSource={quotas.data?.items ?? []}
        columns={[
          { title: '学校', render: (_, q) => q.org.name },
          { title: '年度', dataIndex: 'year' },
          { title: '学段', render: (_, q) => (q.schoolStage === 'junior' ? '初中' : '高中') },
          { title: '毕业班人数', dataIndex: 'graduates' },
          { title: '原有团员', dataIndex: 'membersBefore' },
          { title: '本年入团', dataIndex: 'admitted' },
          {
            title: '比例 / 上限',
            render: (_, q) => (
              <Typography.Text type={q.sharePct > q.capPct ? 'danger' : undefined}>
                {q.sharePct}% / {q.capPct}%
              </Typography.Text>
            ),
          },
        ]}
      />
      {editable && (
        <Form
          form={quotaForm}
          layout="inline"
          onFinish={(v) => saveQuota.mutate(v)}
          initialValues={{ year: thisYear(), schoolStage: 'junior' }}
        >
          <Form.Item name="year" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} placeholder="年度" />
          </Form.Item>
          <Form.Item name="schoolStage">
            <Select
              style={{ width: 90 }}
              options={[
                { value: 'junior', label: '初中' },
                { value: 'senior', label: '高中' },
              ]}
            />
          </Form.Item>
          <Form.Item name="graduates" rules={[{ required: true, message: '毕业班人数' }]}>
            <InputNumber min={1} placeholder="毕业班人数" />
          </Form.Item>
          <Form.Item name="membersBefore" rules={[{ required: true, message: '原有团员' }]}>
            <InputNumber min={0} placeholder="原有团员" />
          </Form.Item>
          <Button htmlType="submit" loading={saveQuota.isPending}>
            登记（本组织）
          </Button>
        </Form>
      )}
    </Space>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Typography } from 'antd';
import { useEffect } from 'react';
import { errorMessage } from '../../api/client';
import { type Answer, http, ok, type RequestBody } from '../../api/http';
import { Allowed } from '../../app/Allowed';
import { useAuth } from '../../app/auth';

type Settings = Answer<'/api/volunteering/settings'>;

/** The org's rounding rule for check-in hours (copied into each new activity) and the certificates' contact. */
export function SettingsTab() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Settings>();
  const q = useQuery({
    queryKey: ['volunteer-settings'],
    queryFn: ({ signal }) => ok(http.GET('/api/volunteering/settings', { signal })),
  });
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data);
  }, [q.data, form]);
  const save = useMutation({
    mutationFn: (v: Settings) =>
      request({ ...v, orgCode: q.data!.orgCode, contact: v.contact?.trim() ? v.contact.trim() : null }),
    onSuccess: async () => {
      message.success('已保存，新发布的活动按此规则计时');
      await queryClient.invalidateQueries({ queryKey: ['volunteer-settings'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <div style={{ maxWidth: 480 }}>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {q.data?.inherited && (
        <Typography.Paragraph type="secondary">
          当前沿用上级组织的规则；保存后本组织使用自己的规则。
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={!can('volunteer.write')}>
        <Form.Item
          name="minMinutes"
          label="最短计时（分钟）：签到签退间隔不足此数计0"
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={240} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="minSharePercent"
          label="最低出勤比例（%）：低于活动时长的此比例计0"
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="roundingMinutes" label="取整单位（分钟，向下取整）" rules={[{ required: true }]}>
          <InputNumber min={1} max={60} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="contact" label="志愿服务证明上的联系人及电话">
          <Input maxLength={100} />
        </Form.Item>
        <Allowed op={['put', '/api/volunteering/settings']}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Allowed>
      </Form>
    </div>
  );
}

const request = (body: RequestBody<'/api/volunteering/settings', 'put'>) =>
  ok(http.PUT('/api/volunteering/settings', { body }));

import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { applyServerErrors } from '../../app/forms';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';

interface Values {
  orgCode: string;
  title: string;
  category?: string;
  place?: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  signupClosesAt?: string;
  description?: string;
  contact?: string;
  minMinutes?: number;
  minSharePercent?: number;
  roundingMinutes?: number;
}

/** Publishing an activity; times are entered in Beijing time with the phone's own date-time picker. */
export function ActivityFormModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post('/volunteering/activities', {
        ...v,
        signupClosesAt: v.signupClosesAt || null,
        category: v.category || null,
        place: v.place || null,
        description: v.description || null,
        contact: v.contact || null,
      }),
    onSuccess: () => {
      message.success('活动已发布');
      form.resetFields();
      onSaved();
    },
    onError: (e) => setError(applyServerErrors(form, e)),
  });
  return (
    <Modal
      open={open}
      title="发布志愿服务活动"
      okText="发布"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ capacity: 20 }}>
        <Form.Item name="orgCode" label="组织单位" rules={[{ required: true, message: '请选择组织单位' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="title" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="category" label="服务类别">
          <Input placeholder="如 文明城市创建、防溺水、关爱老人" maxLength={50} />
        </Form.Item>
        <Form.Item name="place" label="地点">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="startsAt" label="开始时间" rules={[{ required: true, message: '请填写开始时间' }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="endsAt" label="结束时间" rules={[{ required: true, message: '请填写结束时间' }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="signupClosesAt" label="报名截止（不填则到活动结束）">
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="capacity" label="招募人数" rules={[{ required: true, message: '请填写招募人数' }]}>
          <InputNumber min={1} max={100000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="minMinutes" label="最短计时（分钟，不足计0；不填按本组织规则）">
          <InputNumber min={0} max={240} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="minSharePercent" label="最低出勤比例（%）">
          <InputNumber min={0} max={100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="contact" label="联系人及电话">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label="活动内容">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

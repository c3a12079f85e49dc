import { App, Form, Input, InputNumber } from 'antd';
import { http, ok, type RequestBody } from '../../api/http';
import { FormModal } from '../../app/FormModal';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';

/** The route's body: empty optional fields go as null. */
type Values = RequestBody<'/api/volunteering/activities'>;

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
  return (
    <FormModal<Values>
      open={open}
      title="发布志愿服务活动"
      okText="发布"
      initialValues={{ capacity: 20 }}
      save={(v) =>
        ok(
          http.POST('/api/volunteering/activities', {
            body: {
              ...v,
              signupClosesAt: v.signupClosesAt || null,
              category: v.category || null,
              place: v.place || null,
              description: v.description || null,
              contact: v.contact || null,
            },
          }),
        )
      }
      onSaved={(_, form) => {
        message.success('活动已发布');
        form.resetFields();
        onSaved();
      }}
      onClose={onClose}
    >
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
    </FormModal>
  );
}

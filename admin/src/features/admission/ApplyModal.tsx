import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Select } from 'antd';
import { useNavigate } from 'react-router';
import { http, ok, type RequestBody } from '../../api/http';
import { today } from '../../app/dates';
import { FormModal } from '../../app/FormModal';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { PersonPicker } from '../people/PersonPicker';
import type { AdmissionDetail } from './admissionApi';

type Values = RequestBody<'/api/admissions'>;

/** 申请: the branch records a written application (age 14–28 is checked by the server). */
export function ApplyModal({
  open,
  orgCode,
  onClose,
}: {
  open: boolean;
  orgCode: string;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <FormModal<Values, AdmissionDetail>
      title="登记入团申请"
      open={open}
      okText="登记"
      initialValues={{ orgCode, appliedOn: today() }}
      save={(v) => ok(http.POST('/api/admissions', { body: v }))}
      onSaved={(a) => {
        queryClient.invalidateQueries({ queryKey: ['admissions'] });
        navigate(`/admission/${a.id}`);
      }}
      onClose={onClose}
    >
      <Form.Item name="personId" label="申请人" rules={[{ required: true, message: '请选择申请人' }]}>
        <PersonPicker />
      </Form.Item>
      <Form.Item name="orgCode" label="受理的团支部" rules={[{ required: true, message: '请选择团支部' }]}>
        <OrgTreeSelect />
      </Form.Item>
      <Form.Item name="appliedOn" label="申请日期" rules={[{ required: true, message: '请填写申请日期' }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="civicsGrade" label="思政课评价">
        <Select
          allowClear
          options={['优秀', '良好', '合格', '不合格'].map((g) => ({ value: g, label: g }))}
        />
      </Form.Item>
    </FormModal>
  );
}

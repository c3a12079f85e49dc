import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { type ReactNode, useState } from 'react';
import { http, ok, type paths } from '../../api/http';
import { today } from '../../app/dates';
import { applyServerErrors } from '../../app/forms';
import { PersonPicker } from '../people/PersonPicker';
import type { AdmissionDetail } from './admissionApi';

/** A step of the path, as the server names it in the path's `actions` (admission.policy.ts). */
export type StepKey = AdmissionDetail['actions'][number];

/** Every step is its own route (`/api/admissions/{id}/<step>`); each answers the applicant's detail. */
type StepCall = (
  path: keyof paths,
  init: { params: { path: { id: number } }; body: Record<string, unknown> },
) => Promise<{ data?: AdmissionDetail; response: Response }>;

const date = (name: string, label: string) => (
  <Form.Item key={name} name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
    <Input type="date" data-testid={`field-${name}`} />
  </Form.Item>
);
const count = (name: string, label: string) => (
  <Form.Item key={name} name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
    <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid={`field-${name}`} />
  </Form.Item>
);

/** The form of each step, as DOMAIN.md "Admission" asks it to be recorded. */
function fieldsOf(step: StepKey, a: AdmissionDetail): { title: string; fields: ReactNode[] } {
  switch (step) {
    case 'talk':
      return {
        title: '记录谈话',
        fields: [
          date('on', '谈话日期'),
          <Form.Item key="note" name="note" label="谈话情况">
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>,
        ],
      };
    case 'civics-grade':
      return {
        title: '登记思政课评价',
        fields: [
          <Form.Item
            key="grade"
            name="grade"
            label="思政课评价"
            rules={[{ required: true, message: '请选择' }]}
          >
            <Radio.Group options={['优秀', '良好', '合格', '不合格']} />
          </Form.Item>,
        ],
      };
    case 'activist':
      return {
        title: '确定为入团积极分子',
        fields: [
          date('on', '确定日期'),
          <Form.Item
            key="rb"
            name="recommendedBy"
            label="推荐方式"
            rules={[{ required: true, message: '请选择推荐方式' }]}
          >
            <Radio.Group
              options={[
                { value: 'pioneer_recommendation', label: '少先队推优' },
                { value: 'member_recommendation', label: '团员推荐' },
              ]}
            />
          </Form.Item>,
          <Form.Item
            key="m"
            name="mentorIds"
            label="培养联系人（1–2 名团员或党员）"
            rules={[{ required: true, message: '请选择培养联系人' }]}
          >
            <PersonPicker mode="multiple" maxCount={2} org={a.org.code} />
          </Form.Item>,
        ],
      };
    case 'candidate':
      return {
        title: '确定为发展对象',
        fields: [
          date('on', '确定日期'),
          date('publicityFrom', '公示开始日期'),
          date('publicityTo', '公示结束日期（不少于5个工作日）'),
          <Form.Item
            key="i"
            name="introducerIds"
            label="入团介绍人（2 名团员）"
            rules={[{ required: true, message: '请选择入团介绍人' }]}
          >
            <PersonPicker
              mode="multiple"
              maxCount={2}
              org={a.org.code}
              politicalStatus="league_member"
              data-testid="field-introducers"
            />
          </Form.Item>,
        ],
      };
    case 'vote':
    case 'vote-correction':
      return {
        title: step === 'vote' ? '支部大会表决' : '更正支部大会表决',
        fields: [
          date('on', '支部大会日期'),
          <Form.Item
            key="shouldAttend"
            name="shouldAttend"
            label="应到会（有表决权）人数"
            extra={
              a.votingMembers == null ? undefined : `本支部在册团员 ${a.votingMembers} 人，应到会不能多于此数`
            }
            rules={[{ required: true, message: '请填写应到会人数' }]}
          >
            <InputNumber
              min={1}
              max={a.votingMembers ?? undefined}
              precision={0}
              style={{ width: '100%' }}
              data-testid="field-shouldAttend"
            />
          </Form.Item>,
          count('attended', '实到人数'),
          count('yes', '赞成票'),
          ...(step === 'vote-correction'
            ? [
                <Form.Item
                  key="reason"
                  name="reason"
                  label="更正原因"
                  rules={[{ required: true, message: '请填写更正原因' }]}
                >
                  <Input.TextArea rows={2} maxLength={200} data-testid="field-reason" />
                </Form.Item>,
              ]
            : []),
        ],
      };
    case 'approve':
      return {
        title: '上级团委审批',
        fields: [
          date('on', '审批日期'),
          ...(a.quotaWarning
            ? [
                <Alert
                  key="w"
                  type="warning"
                  showIcon
                  message={a.quotaWarning}
                  style={{ marginBottom: 12 }}
                />,
                <Form.Item key="q" name="acceptQuotaWarning" valuePropName="checked">
                  <Checkbox>知悉超出名额，仍予批准</Checkbox>
                </Form.Item>,
              ]
            : []),
        ],
      };
    case 'ceremony':
      return {
        title: '记录入团仪式',
        fields: [
          date('on', '仪式日期'),
          <Form.Item key="note" name="note" label="说明">
            <Input maxLength={200} />
          </Form.Item>,
        ],
      };
    case 'reject':
    case 'withdraw':
      return {
        title: step === 'reject' ? '不予通过' : '撤回申请',
        fields: [
          date('on', '日期'),
          <Form.Item key="r" name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>,
        ],
      };
  }
}

/** One step of the procedure; a refusal shows the server's reasons (the conditions not met) in the form. */
export function StepModal({
  step,
  admission,
  onClose,
}: {
  step: StepKey | null;
  admission: AdmissionDetail;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const { modal } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      ok<AdmissionDetail>(
        (http.POST as StepCall)(`/api/admissions/{id}/${step as StepKey}` as const satisfies keyof paths, {
          params: { path: { id: admission.id } },
          body: values,
        }),
      ),
    onSuccess: (a) => {
      queryClient.setQueryData(['admissions', 'detail', String(a.id)], a);
      queryClient.invalidateQueries({ queryKey: ['admissions', 'board'] });
      setError(null);
      onClose();
    },
    onError: (e) => {
      setError(applyServerErrors(form, e, { on: 'on' }));
      queryClient.invalidateQueries({ queryKey: ['admissions', 'detail', String(admission.id)] });
    },
  });
  if (!step) return null;
  const { title, fields } = fieldsOf(step, admission);
  // A failing vote ends the application: say so and ask before recording it (the server asks too).
  const submit = (v: Record<string, unknown>) => {
    if (step !== 'vote' && step !== 'vote-correction') return run.mutate(v);
    const { shouldAttend, attended, yes } = v as { shouldAttend: number; attended: number; yes: number };
    const base = admission.settings.voteBase === 'should_attend' ? shouldAttend : attended;
    if (yes * 2 > base || attended * 2 <= shouldAttend) return run.mutate(v);
    modal.confirm({
      title: '表决未通过，将结束该申请',
      content: `应到 ${shouldAttend} 人，实到 ${attended} 人，赞成 ${yes} 票，未超过${admission.settings.voteBase === 'should_attend' ? '应到会' : '到会'}人数的半数。记录后该申请为「未通过」。请核对票数，确认无误再记录。`,
      okText: '确认表决未通过',
      okButtonProps: { danger: true },
      cancelText: '返回核对',
      onOk: () => run.mutate({ ...v, confirmFailure: true }),
    });
  };
  const initial =
    step === 'vote-correction' && admission.vote
      ? { on: admission.branchVoteOn ?? admission.endedOn, ...admission.vote }
      : { on: today(), publicityFrom: today(), shouldAttend: admission.votingMembers ?? undefined };
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Modal
      title={title}
      open
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={run.isPending}
      okText="保存"
      destroyOnHidden
    >
      {error && (
        <Alert
          type="error"
          showIcon
          data-testid="step-error"
          style={{ marginBottom: 12 }}
          message="未能保存"
          description={
            <ul style={{ paddingLeft: 18, margin: 0 }}>
              {error.split('；').map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        {fields}
      </Form>
    </Modal>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { type Answer, http, ok, type RequestBody } from '../../api/http';
import { applyServerErrors, fromDay, toDay } from '../../app/forms';
import { optionsOf, politicalStatusLabels } from '../../app/labels';
import type { TransferInPrefill } from '../membership/TransfersTab';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import {
  BirthDateField,
  fillFromNumber,
  GenderField,
  type IdentityValues,
  IdNumberField,
  IdTypeField,
  identityCheckedAgainst,
  normalisedIdNumber,
  useIdentity,
} from './IdentityFields';

type Person = Answer<'/api/people/{id}'>;
type PersonInput = RequestBody<'/api/people/{id}', 'patch'>;

interface FormValues extends IdentityValues {
  name: string;
  ethnicity?: string;
  phone?: string;
  politicalStatus: string;
  orgCode?: string;
  joinedOn?: Dayjs | null;
  memberNo?: string;
  education?: string;
  workplace?: string;
}

const educationOptions = [
  '小学',
  '初中',
  '高中',
  '中专/中职',
  '大专',
  '本科',
  '硕士研究生',
  '博士研究生',
].map((v) => ({
  value: v,
}));
const ethnicityOptions = [
  '汉族',
  '回族',
  '满族',
  '蒙古族',
  '壮族',
  '苗族',
  '土家族',
  '彝族',
  '藏族',
  '维吾尔族',
].map((v) => ({ value: v }));

const aliases: Record<string, string> = {
  证件类型: 'idType',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  公民身份号码: 'idNumber',
  证件号码: 'idNumber',
  姓名: 'name',
  性别: 'gender',
  出生日期: 'birthDate',
  民族: 'ethnicity',
  手机号码: 'phone',
  手机号: 'phone',
  联系电话: 'phone',
  政治面貌: 'politicalStatus',
  所在团组织: 'orgCode',
  团组织: 'orgCode',
  org: 'orgCode',
  入团日期: 'joinedOn',
  团员编号: 'memberNo',
  学历: 'education',
  工作单位: 'workplace',
  '工作单位/学校': 'workplace',
};

/** The fields whose checks read another field's value: their messages go stale when that field changes. */
const checkedAgainst: Partial<Record<keyof FormValues, (keyof FormValues)[]>> = identityCheckedAgainst;

type Props =
  | { mode: 'create'; defaultOrgCode?: string; onClose: (saved?: Person) => void }
  | { mode: 'edit'; person: Person; onClose: (saved?: Person) => void };

const trimOrNull = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/** The number is on file already: in reach, his record; elsewhere, the way to bring him over (a transfer-in). */
interface Duplicate {
  message: string;
  personId: number | null;
}

function duplicateOf(e: unknown): Duplicate | null {
  if (!(e instanceof ApiError) || e.code !== 'PERSON_EXISTS') return null;
  return { message: e.message, personId: e.details?.existing?.personId ?? null };
}

export function PersonFormModal(props: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const identity = useIdentity(form);
  const idType = identity.idType;
  // What the number says (not for a passport); the fields follow it and may not say otherwise.
  const person = props.mode === 'edit' ? props.person : null;
  const derived = person ? null : identity.derived;
  const defaultOrgCode = props.mode === 'create' ? props.defaultOrgCode : undefined;

  useEffect(() => {
    if (person) {
      form.setFieldsValue({
        name: person.name,
        gender: person.gender as FormValues['gender'],
        ethnicity: person.ethnicity ?? '',
        // The whole phone is not sent to the page (it is masked): left empty, it stays as it is.
        phone: '',
        politicalStatus: person.politicalStatus,
        orgCode: person.org?.code,
        joinedOn: toDay(person.joinedOn),
        memberNo: person.memberNo ?? '',
        education: person.education ?? '',
        workplace: person.workplace ?? '',
      });
    } else {
      form.setFieldsValue({
        idType: 'resident_id',
        politicalStatus: 'league_member',
        orgCode: defaultOrgCode,
      });
    }
  }, [person, defaultOrgCode, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body: PersonInput = {
        name: v.name.trim(),
        gender: v.gender ?? null,
        birthDate: fromDay(v.birthDate),
        ethnicity: trimOrNull(v.ethnicity),
        phone: person && !trimOrNull(v.phone) ? undefined : trimOrNull(v.phone),
        politicalStatus: v.politicalStatus as PersonInput['politicalStatus'],
        orgCode: v.orgCode ?? null,
        joinedOn: fromDay(v.joinedOn),
        memberNo: trimOrNull(v.memberNo),
        education: trimOrNull(v.education),
        workplace: trimOrNull(v.workplace),
      };
      if (person) return ok(http.PATCH('/api/people/{id}', { params: { path: { id: person.id } }, body }));
      return ok(
        http.POST('/api/people', {
          body: {
            ...body,
            name: body.name ?? '',
            politicalStatus: v.politicalStatus as NonNullable<PersonInput['politicalStatus']>,
            idType: v.idType ?? 'resident_id',
            idNumber: normalisedIdNumber(v.idNumber),
          },
        }),
      );
    },
    onSuccess: async (saved) => {
      message.success(person ? '已保存' : `已新增「${saved.name}」`);
      await queryClient.invalidateQueries({ queryKey: ['people'] });
      props.onClose(saved);
    },
    onError: (e) => {
      const dup = duplicateOf(e);
      setDuplicate(dup);
      // The duplicate says it all in its own notice, with what to do next.
      if (dup) form.setFields([{ name: 'idNumber', errors: ['该证件号码的人员已登记'] }]);
      else setFormError(applyServerErrors(form, e, aliases));
    },
  });

  return (
    <Modal
      title={person ? `编辑人员：${person.name}` : '新增人员'}
      open
      onCancel={() => props.onClose()}
      onOk={() => form.submit()}
      okText={person ? '保存' : '新增'}
      confirmLoading={save.isPending}
      width={720}
      forceRender
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      {duplicate && (
        <Alert
          type="warning"
          showIcon
          title={duplicate.message}
          data-testid="person-duplicate"
          style={{ marginBottom: 16 }}
          action={
            duplicate.personId !== null ? (
              <Link to={`/people/${duplicate.personId}`} onClick={() => props.onClose()}>
                打开档案
              </Link>
            ) : (
              <Button
                size="small"
                onClick={() => {
                  props.onClose();
                  // The transfer-in form opens filled with what was typed here (router state, not the URL:
                  // an identity number has no place in the address bar or the server's access log).
                  const transferIn: TransferInPrefill = {
                    idType: form.getFieldValue('idType') ?? 'resident_id',
                    idNumber: normalisedIdNumber(form.getFieldValue('idNumber')),
                    name: (form.getFieldValue('name') ?? '').trim(),
                  };
                  navigate('/membership?tab=transfers&direction=incoming', { state: { transferIn } });
                }}
              >
                去发起转入
              </Button>
            )
          }
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        onValuesChange={(changed: Partial<FormValues>) => {
          setFormError(null);
          setDuplicate(null);
          // A refusal's message belongs to the values it was about: once one of them changes it is stale, be
          // it the field's own or the number its check compares with.
          const changedNames = Object.keys(changed) as (keyof FormValues)[];
          const stale = new Set(changedNames.flatMap((name) => [name, ...(checkedAgainst[name] ?? [])]));
          form.setFields([...stale].map((name) => ({ name, errors: [] })));
          fillFromNumber(form, changed);
        }}
      >
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
            columnGap: 16,
          }}
        >
          {!person && <IdTypeField testId="person" />}
          {!person && <IdNumberField idType={idType} testId="person" />}
          <Form.Item
            name="name"
            label="姓名"
            rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <GenderField idType={idType} derived={derived} asked={!person} testId="person" />
          {/* The birth date comes from the number; an existing person's is not shown (DESIGN.md). */}
          {person ? null : <BirthDateField idType={idType} derived={derived} testId="person" />}
          <Form.Item name="ethnicity" label="民族">
            <AutoComplete options={ethnicityOptions} />
          </Form.Item>
          <Form.Item
            name="phone"
            label="手机号码"
            rules={[{ pattern: /^\s*(1\d{10})?\s*$/, message: '手机号码应为11位数字' }]}
          >
            <Input
              maxLength={11}
              inputMode="tel"
              placeholder={person?.phoneMasked ? `${person.phoneMasked}（不填则不变）` : undefined}
            />
          </Form.Item>
          <Form.Item
            name="politicalStatus"
            label="政治面貌"
            rules={[{ required: true, message: '请选择政治面貌' }]}
          >
            <Select options={optionsOf(politicalStatusLabels)} />
          </Form.Item>
          <Form.Item name="orgCode" label="所在团组织">
            <OrgTreeSelect allowClear style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="joinedOn" label="入团日期">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="memberNo"
            label="团员编号"
            rules={[{ pattern: /^\s*(\d{12})?\s*$/, message: '团员编号为12位数字' }]}
          >
            <Input maxLength={12} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="education" label="学历">
            <AutoComplete options={educationOptions} />
          </Form.Item>
          <Form.Item name="workplace" label="工作单位/学校">
            <Input maxLength={100} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}

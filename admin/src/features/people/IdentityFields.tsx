import { DatePicker, Form, type FormInstance, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { fromDay, toDay } from '../../app/forms';
import { derivedFromIdNumber, type IdType, idNumberProblem, idTypeLabels } from '../../app/idDocument';
import { genderOptions } from '../../app/labels';

/**
 * The identity part of a form, one for person entry and volunteer self-registration (issue 17, items 7 and 9):
 * 证件类型, 证件号码, and 性别 / 出生日期 filled from the number, or typed and required for a passport, which
 * says neither. The server reads the same rules (src/lib/id-document.ts) and has the last word.
 */
export interface IdentityValues {
  idType?: IdType;
  idNumber?: string;
  gender?: '男' | '女' | null;
  birthDate?: Dayjs | null;
}

type Derived = ReturnType<typeof derivedFromIdNumber>;

/** The fields whose checks read another identity field: their messages go stale when that one changes. */
export const identityCheckedAgainst: Partial<Record<keyof IdentityValues, (keyof IdentityValues)[]>> = {
  idType: ['idNumber', 'gender', 'birthDate'],
  idNumber: ['gender', 'birthDate'],
};

/** The number as sent: no spaces, letters in upper case. */
export const normalisedIdNumber = (v: string | undefined) => (v ?? '').replace(/\s+/g, '').toUpperCase();

// biome-ignore lint/suspicious/noExplicitAny: any form whose values include the identity fields
type AnyForm = FormInstance<any>;

/** What the number says (null for a passport, or while the number is not whole), as the form now holds it. */
export function useIdentity(form: AnyForm): { idType: IdType; derived: Derived } {
  const idType: IdType = Form.useWatch('idType', form) ?? 'resident_id';
  const idNumber: string = Form.useWatch('idNumber', form) ?? '';
  return { idType, derived: idType === 'passport' ? null : derivedFromIdNumber(idNumber) };
}

/**
 * For a form's onValuesChange: once the number or its type changes, 性别 and 出生日期 follow what the number
 * says (a passport's stay as typed).
 */
export function fillFromNumber(form: AnyForm, changed: Partial<IdentityValues>): void {
  if (!('idNumber' in changed || 'idType' in changed)) return;
  const type = form.getFieldValue('idType') ?? 'resident_id';
  const got = type === 'passport' ? null : derivedFromIdNumber(form.getFieldValue('idNumber') ?? '');
  if (got) form.setFieldsValue({ gender: got.gender, birthDate: toDay(got.birthDate) });
}

export function IdTypeField({ testId }: { testId: string }) {
  return (
    <Form.Item name="idType" label="证件类型">
      <Select
        options={Object.entries(idTypeLabels).map(([value, label]) => ({ value, label }))}
        data-testid={`${testId}-id-type`}
      />
    </Form.Item>
  );
}

export function IdNumberField({ idType, testId }: { idType: IdType; testId: string }) {
  return (
    <Form.Item
      name="idNumber"
      label="证件号码"
      validateTrigger="onBlur"
      rules={[
        { required: true, whitespace: true, message: '请输入证件号码' },
        ({ getFieldValue }) => ({
          validator: async (_, v?: string) => {
            const problem = v?.trim() ? idNumberProblem(getFieldValue('idType') ?? 'resident_id', v) : null;
            if (problem) throw new Error(problem);
          },
        }),
      ]}
    >
      <Input
        maxLength={idType === 'passport' ? 20 : 18}
        placeholder={idType === 'passport' ? '护照号码' : '18位号码，性别与出生日期随之填入'}
        autoComplete="off"
        data-testid={`${testId}-id-number`}
      />
    </Form.Item>
  );
}

/** 性别: required for a passport when `asked` (a new document); never other than the number says. */
export function GenderField({
  idType,
  derived,
  asked,
  testId,
}: {
  idType: IdType;
  derived: Derived;
  asked: boolean;
  testId: string;
}) {
  return (
    <Form.Item
      name="gender"
      label="性别"
      extra={derived ? '按证件号码填入' : undefined}
      rules={[
        { required: asked && idType === 'passport', message: '持护照登记须填写性别' },
        {
          validator: async (_, v?: string) => {
            if (derived && v && v !== derived.gender)
              throw new Error(`性别与证件号码不符（证件号码为${derived.gender}性）`);
          },
        },
      ]}
    >
      <Select
        allowClear
        options={genderOptions.map((g) => ({ value: g, label: g }))}
        data-testid={`${testId}-gender`}
      />
    </Form.Item>
  );
}

export function BirthDateField({
  idType,
  derived,
  testId,
}: {
  idType: IdType;
  derived: Derived;
  testId: string;
}) {
  return (
    <Form.Item
      name="birthDate"
      label="出生日期"
      extra={derived ? '按证件号码填入' : undefined}
      rules={[
        { required: idType === 'passport', message: '持护照登记须填写出生日期' },
        {
          validator: async (_, v?: Dayjs | null) => {
            if (derived && v && fromDay(v) !== derived.birthDate)
              throw new Error(`出生日期与证件号码不符（证件号码为 ${derived.birthDate}）`);
          },
        },
      ]}
    >
      <DatePicker style={{ width: '100%' }} data-testid={`${testId}-birth-date`} />
    </Form.Item>
  );
}

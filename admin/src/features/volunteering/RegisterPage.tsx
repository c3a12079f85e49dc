import { Alert, Button, Card, Checkbox, Collapse, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ageOn, today } from '../../../../src/lib/dates';
import { ApiError, errorMessage, fieldProblems } from '../../api/client';
import { http, ok, type RequestBody } from '../../api/http';
import { fromDay } from '../../app/forms';
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
} from '../people/IdentityFields';

type Body = RequestBody<'/public/volunteering/register'>;
type Values = Omit<Body, 'idType' | 'gender' | 'birthDate'> & IdentityValues;

/**
 * What is collected, why, who sees it and for how long (PIPL arts. 17 and 31): shown before the young person
 * agrees; the registration is refused without that agreement, and under 18 without the guardian's.
 */
function PrivacyNotice() {
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 12 }}
      defaultActiveKey={['notice']}
      items={[
        {
          key: 'notice',
          label: '个人信息保护告知',
          children: (
            <Typography.Paragraph style={{ fontSize: 13, margin: 0 }} data-testid="privacy-notice">
              为登记志愿服务时长、出具志愿服务证明，本平台由您所在的共青团组织收集您的姓名、证件类型和号码、性别、出生日期和手机号（未满18周岁的，还收集监护人姓名和手机号）。
              证件号码加密保存，页面只显示部分号码；信息仅由您所在团组织及其上级团组织的工作人员用于志愿者注册确认、活动签到和时长记录，不对外公开，不用于其他目的。
              志愿服务证明的公开查验只显示证明编号、部分姓名、服务时长和出具单位。注销账号或注册未通过的，可联系所在团组织删除您的信息。
              未满18周岁的青少年须在监护人同意后注册。
            </Typography.Paragraph>
          ),
        },
      ]}
    />
  );
}

/** Public: a young person opens his volunteer account from the county's registration link (`?org=`). */
export default function RegisterPage() {
  const [params] = useSearchParams();
  const orgCode = params.get('org') ?? '';
  const [form] = Form.useForm<Values>();
  const { idType, derived } = useIdentity(form);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The guardian's part follows the birth date, from the number or typed for a passport: the server decides
  // the same way (and checks the date against the number); undefined until there is one.
  const birthDate = fromDay(Form.useWatch('birthDate', form));
  const minor = birthDate ? ageOn(birthDate, today()) < 18 : undefined;
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await ok(
        http.POST('/public/volunteering/register', {
          body: {
            ...v,
            idType: v.idType ?? 'resident_id',
            idNumber: normalisedIdNumber(v.idNumber),
            gender: v.gender ?? undefined,
            birthDate: fromDay(v.birthDate) ?? undefined,
            orgCode,
            ...(minor
              ? {}
              : { guardianName: undefined, guardianPhone: undefined, guardianConsent: undefined }),
          },
        }),
      );
      setDone((answer as { message?: string } | undefined)?.message ?? '已提交注册，组织者确认后即可登录');
    } catch (e) {
      const problems = fieldProblems(e instanceof ApiError ? e.details : undefined);
      form.setFields(
        problems.filter((p) => p.field).map((p) => ({ name: p.field as keyof Values, errors: [p.message] })),
      );
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  if (done)
    return (
      <Result
        status="success"
        title="注册已提交"
        subTitle={done}
        extra={<Link to="/login">去登录（用户名为手机号）</Link>}
      />
    );
  return (
    <div style={{ maxWidth: 460, margin: '24px auto', padding: 12 }}>
      <Card>
        <Typography.Title level={4}>注册志愿者账号</Typography.Title>
        {!orgCode && <Alert type="warning" showIcon title="注册链接缺少组织，请使用团组织提供的注册链接" />}
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 12 }}
            data-testid="register-error"
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          disabled={!orgCode}
          initialValues={{ idType: 'resident_id' }}
          onValuesChange={(changed: Partial<Values>) => {
            setError(null);
            // A refusal's message goes stale once the value it was about, or the number it compared with, changes.
            const changedNames = Object.keys(changed) as (keyof IdentityValues)[];
            const stale = changedNames.flatMap((name) => identityCheckedAgainst[name] ?? []);
            form.setFields(stale.map((name) => ({ name, errors: [] })));
            fillFromNumber(form, changed);
          }}
        >
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input autoComplete="name" />
          </Form.Item>
          <IdTypeField testId="register" />
          <IdNumberField idType={idType} testId="register" />
          <GenderField idType={idType} derived={derived} asked testId="register" />
          <BirthDateField idType={idType} derived={derived} testId="register" />
          <Form.Item
            name="phone"
            label="手机号（登录用）"
            rules={[{ required: true, message: '请填写手机号' }]}
          >
            <Input inputMode="tel" maxLength={11} autoComplete="tel" />
          </Form.Item>
          <Form.Item
            name="password"
            label="密码"
            extra="16位以上；或10位以上并含大写字母、小写字母、数字、符号中的三类"
            rules={[{ required: true, message: '请设置密码' }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {minor && (
            <Card
              size="small"
              type="inner"
              title="未满18周岁：请监护人填写并同意"
              style={{ marginBottom: 16 }}
              data-testid="guardian"
            >
              <Form.Item
                name="guardianName"
                label="监护人姓名"
                rules={[{ required: true, whitespace: true, message: '请填写监护人姓名' }]}
              >
                <Input />
              </Form.Item>
              <Form.Item
                name="guardianPhone"
                label="监护人手机号"
                rules={[{ required: true, message: '请填写监护人手机号' }]}
              >
                <Input inputMode="tel" maxLength={11} />
              </Form.Item>
              <Form.Item
                name="guardianConsent"
                valuePropName="checked"
                style={{ marginBottom: 0 }}
                rules={[
                  {
                    validator: (_, v) =>
                      v ? Promise.resolve() : Promise.reject(new Error('须经监护人同意后才能注册')),
                  },
                ]}
              >
                <Checkbox>我是其监护人，已阅读个人信息保护告知，同意其参加志愿服务并提供上述信息</Checkbox>
              </Form.Item>
            </Card>
          )}
          <PrivacyNotice />
          <Form.Item
            name="privacyAccepted"
            valuePropName="checked"
            rules={[
              {
                validator: (_, v) =>
                  v ? Promise.resolve() : Promise.reject(new Error('请阅读并同意个人信息保护告知')),
              },
            ]}
          >
            <Checkbox>我已阅读并同意《个人信息保护告知》</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            注册
          </Button>
        </Form>
      </Card>
    </div>
  );
}

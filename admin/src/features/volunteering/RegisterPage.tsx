import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';

interface Values {
  idNumber: string;
  name: string;
  phone: string;
  password: string;
}

/** Public: a young person opens his volunteer account from the county's registration link (`?org=`). */
export default function RegisterPage() {
  const [params] = useSearchParams();
  const orgCode = params.get('org') ?? '';
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      // A public route outside /api (no session is read there), so not through the API client's prefix.
      const res = await fetch('/public/volunteering/register', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...v, orgCode }),
      });
      const body = await res.json();
      if (!res.ok) throw new Error(body?.error?.message ?? `注册失败（${res.status}）`);
      setDone(body.message);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  if (done)
    return (
      <Result status="success" title="注册已提交" subTitle={done} extra={<Link to="/login">去登录</Link>} />
    );
  return (
    <div style={{ maxWidth: 420, margin: '24px auto', padding: 12 }}>
      <Card>
        <Typography.Title level={4}>注册志愿者账号</Typography.Title>
        {!orgCode && <Alert type="warning" showIcon title="注册链接缺少组织，请使用团组织提供的注册链接" />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form<Values> layout="vertical" onFinish={submit} disabled={!orgCode}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, message: '请填写身份证号' }]}>
            <Input maxLength={18} />
          </Form.Item>
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
          <Button type="primary" htmlType="submit" block loading={busy}>
            注册
          </Button>
        </Form>
      </Card>
    </div>
  );
}

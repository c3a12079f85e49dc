import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { safeLocalPath } from '../../../../src/lib/safe-path';
import { errorMessage } from '../../api/client';
import { useAuth } from '../../app/auth';
import { firstScreenOf } from '../../app/nav';
import { PageLoading } from '../../app/PageLoading';

interface LoginValues {
  username: string;
  password: string;
}

export function LoginPage() {
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const from = safeLocalPath((location.state as { from?: string } | null)?.from);
  const asked =
    (location.state as { from?: string } | null)?.from !== undefined && from !== '/login' && from !== '/';
  const target = from !== '/login' ? from : '/';

  if (user === undefined) return <PageLoading />;
  // Staff land on 待办 unless they were sent here from a page (issue 15).
  if (user) return <Navigate to={asked ? target : firstScreenOf(user.roles)} replace />;

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await login(values.username.trim(), values.password);
      navigate(asked ? target : firstScreenOf(me.roles), { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #c8161d 0%, #8f0f14 45%, #f5f5f5 45%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div
            style={{
              display: 'inline-flex',
              width: 56,
              height: 56,
              borderRadius: 28,
              background: '#c8161d',
              color: '#fff',
              fontSize: 26,
              fontWeight: 700,
              alignItems: 'center',
              justifyContent: 'center',
              marginBottom: 12,
            }}
          >
            团
          </div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            团务 · 共青团工作平台
          </Typography.Title>
          <Typography.Text type="secondary">请使用分配给您的账号登录</Typography.Text>
        </div>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<LoginValues>
          layout="vertical"
          size="large"
          onFinish={onFinish}
          requiredMark={false}
          data-testid="login-form"
        >
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" placeholder="用户名" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="密码" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              登录
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', margin: 0 }}>
          本系统含个人信息，所有操作均记录审计日志
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

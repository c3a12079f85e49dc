import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, type Item, ok } from '../../api/http';

type User = Item<'/api/users'>;

import { useMe } from '../../app/auth';
import { PASSWORD_HINT } from '../auth/PasswordPage';

/** A row's account actions: reset the password (the user must change it at next sign-in), disable, enable. */
export function UserActions({ user }: { user: User }) {
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [resetting, setResetting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ newPassword: string }>();
  const done = async (text: string) => {
    message.success(text);
    await queryClient.invalidateQueries({ queryKey: ['users'] });
  };
  const reset = useMutation({
    mutationFn: (newPassword: string) =>
      ok(http.POST('/api/users/{id}/password', { params: { path: { id: user.id } }, body: { newPassword } })),
    onSuccess: async () => {
      setResetting(false);
      form.resetFields();
      await done(`已重置「${user.username}」的密码，其下次登录须先修改密码`);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const toggle = useMutation({
    mutationFn: (enable: boolean) =>
      ok(
        http.POST(enable ? '/api/users/{id}/enable' : '/api/users/{id}/disable', {
          params: { path: { id: user.id } },
        }),
      ),
    onSuccess: (_r, enable) => done(enable ? `已启用「${user.username}」` : `已停用「${user.username}」`),
    onError: (e) => message.error(errorMessage(e)),
  });
  if (String(user.id) === String(me.id) || user.status === 'pending') return null;
  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => setResetting(true)} data-testid="user-reset-password">
        重置密码
      </Button>
      {user.status === 'disabled' ? (
        <Button type="link" size="small" loading={toggle.isPending} onClick={() => toggle.mutate(true)}>
          启用
        </Button>
      ) : (
        <Popconfirm
          title={`停用「${user.username}」？`}
          description="停用后其登录立即失效"
          okText="停用"
          okButtonProps={{ danger: true }}
          onConfirm={() => toggle.mutate(false)}
        >
          <Button type="link" size="small" danger data-testid="user-disable">
            停用
          </Button>
        </Popconfirm>
      )}
      <Modal
        title={`重置「${user.username}」的密码`}
        open={resetting}
        onCancel={() => setResetting(false)}
        onOk={() => form.submit()}
        okText="重置"
        confirmLoading={reset.isPending}
        forceRender
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => reset.mutate(v.newPassword)}
          onValuesChange={() => setError(null)}
        >
          <Form.Item
            name="newPassword"
            label="新密码"
            extra={`${PASSWORD_HINT}。对方下次登录须先修改密码，其现有登录立即失效`}
            rules={[{ required: true, message: '请输入新密码' }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, type Item, ok, type RequestBody } from '../../api/http';

type User = Item<'/api/users'>;
type UserInput = RequestBody<'/api/users'>;

import { useMe } from '../../app/auth';
import { applyServerErrors } from '../../app/forms';
import { label, optionsOf, roleLabels, userStatusLabels } from '../../app/labels';
import { PASSWORD_HINT } from '../auth/PasswordPage';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { UserActions } from './UserActions';

const aliases: Record<string, string> = {
  用户名: 'username',
  密码: 'password',
  姓名: 'displayName',
  所属组织: 'orgCode',
  组织: 'orgCode',
  org: 'orgCode',
  角色: 'roles',
};

function CreateUserModal({ onClose }: { onClose: () => void }) {
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UserInput & { confirm: string }>();
  const [formError, setFormError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (v: UserInput) => ok(http.POST('/api/users', { body: v })),
    onSuccess: async (_u, v) => {
      message.success(`已创建用户「${v.username}」`);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (e) => setFormError(applyServerErrors(form, e, aliases)),
  });

  return (
    <Modal
      title="新建用户"
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="创建"
      confirmLoading={create.isPending}
      forceRender
      width={560}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgCode: me.org.code, roles: [] }}
        onValuesChange={() => setFormError(null)}
        onFinish={({ confirm: _confirm, ...v }) =>
          create.mutate({
            ...v,
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            idNumber: v.idNumber?.trim() || undefined,
          })
        }
        autoComplete="off"
        data-testid="user-form"
      >
        <Form.Item
          name="username"
          label="用户名"
          rules={[
            { required: true, whitespace: true, message: '请输入用户名' },
            { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '3–32 位字母、数字、下划线、点或连字符' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="password"
          label="初始密码"
          extra={PASSWORD_HINT}
          rules={[{ required: true, message: '请输入初始密码' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认密码"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('password') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="orgCode" label="所属组织" rules={[{ required: true, message: '请选择所属组织' }]}>
          <OrgTreeSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="roles"
          label="角色"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}
          extra="角色的权限覆盖所属组织及其全部下级组织"
        >
          <Select mode="multiple" options={optionsOf(roleLabels)} placeholder="选择角色" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="关联人员证件号码（可选）"
          extra="心理咨询师、青年等需要查看本人记录的账号，请关联已登记的人员"
        >
          <Input maxLength={24} placeholder="身份证号、港澳台居民居住证号码或护照号码" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function UsersPage() {
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const users = useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => ok(http.GET('/api/users', { signal })).then((r) => r.items),
  });

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const all = users.data ?? [];
    if (!q) return all;
    return all.filter(
      (u) =>
        u.username.toLowerCase().includes(q) ||
        u.displayName.toLowerCase().includes(q) ||
        u.org.name.toLowerCase().includes(q),
    );
  }, [users.data, search]);

  const columns: TableColumnsType<User> = [
    {
      title: '用户名',
      dataIndex: 'username',
      render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
    },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '所属组织', dataIndex: ['org', 'name'] },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: string[]) => (
        <Space size={[4, 4]} wrap>
          {roles.map((r) => (
            <Tag key={r} color={r === 'system_admin' ? 'red' : r === 'org_admin' ? 'volcano' : 'blue'}>
              {label(roleLabels, r)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: string) => (
        <Tag color={v === 'active' ? 'green' : 'default'}>{label(userStatusLabels, v)}</Tag>
      ),
    },
    { title: '操作', key: 'actions', render: (_: unknown, u: User) => <UserActions user={u} /> },
  ];

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        用户管理
      </Typography.Title>
      {users.isError && (
        <Alert type="error" showIcon title={errorMessage(users.error)} style={{ marginBottom: 16 }} />
      )}
      <Card
        size="small"
        title={
          <Input.Search
            allowClear
            placeholder="按用户名、姓名或组织查找"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ maxWidth: 280 }}
          />
        }
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="user-create"
          >
            新建用户
          </Button>
        }
      >
        <Table<User>
          data-testid="users-table"
          size="middle"
          rowKey={(u) => String(u.id)}
          columns={columns}
          dataSource={rows}
          loading={users.isFetching}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个用户`, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
    </>
  );
}

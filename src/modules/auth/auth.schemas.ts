import { type Static, Type } from 'typebox';

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64, description: '用户名' }),
  password: Type.String({ minLength: 1, maxLength: 200, description: '密码' }),
});
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  org: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  writes: Type.Array(Type.String(), {
    description: '本账号有权调用的写操作（如 POST /api/people/{id}），界面据此只显示可办理的按钮',
  }),
  importKinds: Type.Array(Type.String(), {
    description: '本账号可导入的类型（如 people），数据导入只列出这些；为空时不显示数据导入',
  }),
});

export const SessionReply = Type.Object({
  user: Me,
  csrfToken: Type.String(),
  /** After an administrator's reset: the admin shows the password page and nothing else until it is changed. */
  mustChangePassword: Type.Boolean(),
});

export const PasswordChangeBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
  newPassword: Type.String({ minLength: 1, maxLength: 200 }),
});

import { Type } from 'typebox';

export const NewUserBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
  displayName: Type.String({ minLength: 1, maxLength: 64 }),
  orgCode: Type.String({ minLength: 1, maxLength: 32 }),
  roles: Type.Array(Type.String({ maxLength: 32 }), { maxItems: 11 }),
  /** Links the login to a registered person (a counsellor, a young person). */
  idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
});

export const UserIdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const ResetBody = Type.Object({ newPassword: Type.String({ minLength: 1, maxLength: 200 }) });
export const RolesBody = Type.Object({
  roles: Type.Array(Type.String({ maxLength: 32 }), { minItems: 1, maxItems: 11 }),
});

export const RolesReply = Type.Object({
  id: Type.Integer(),
  roles: Type.Array(Type.String(), { description: '角色代码' }),
});

export const UserCreatedReply = Type.Object({ id: Type.Integer({ description: '新用户编号' }) });

/** An account in the list: never its password hash, nor the linked person's identity number. */
export const UserListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      username: Type.String({ description: '用户名' }),
      displayName: Type.String({ description: '显示名称' }),
      org: Type.Object(
        { code: Type.String(), name: Type.String() },
        { description: '用户所属组织（角色的管辖范围为其下级）' },
      ),
      roles: Type.Array(Type.String(), { description: '角色代码' }),
      status: Type.String({ description: '状态：active 正常 / disabled 已停用' }),
    }),
  ),
});

import { type Static, Type } from 'typebox';

export const TodoItem = Type.Object({
  kind: Type.String({ description: '待办种类（稳定的英文键，如 transfers_to_accept）' }),
  title: Type.String({ description: '待办名称（中文）' }),
  count: Type.Integer({ minimum: 1, description: '件数（为 0 的种类不列出）' }),
  link: Type.String({ description: '办理此事的管理端页面（/admin 之内的路径）' }),
});
export type TodoItem = Static<typeof TodoItem>;

export const TodoListReply = Type.Object({
  items: Type.Array(TodoItem, { description: '当前用户管辖范围内等待其办理的事项' }),
});

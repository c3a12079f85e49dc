import { Type } from 'typebox';

export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD' });

export const Paging = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
});

export const OrgCodeParam = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) });

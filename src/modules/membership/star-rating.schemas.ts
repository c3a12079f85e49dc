import { type Static, Type } from 'typebox';

export const ChecklistBody = Type.Object({
  orgCode: Type.String({ minLength: 1, maxLength: 32, description: '制定标准的团委编码' }),
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  items: Type.Array(
    Type.Object({
      code: Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$', description: '条目编号' }),
      label: Type.String({ minLength: 1, maxLength: 200, description: '考核内容' }),
      points: Type.Integer({ minimum: 1, maximum: 100, description: '分值' }),
    }),
    { minItems: 1, maxItems: 50, description: '对标定级标准，分值合计100' },
  ),
  fiveStarQuotaPct: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 100, description: '五星级占比上限（%），默认20' }),
  ),
  fourStarQuotaPct: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 100, description: '四星级占比上限（%），不填不限' }),
  ),
});
export type ChecklistInput = Static<typeof ChecklistBody>;

export const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 32 })) });
export const ChecklistParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const ChecklistBranchParam = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  code: Type.String({ minLength: 1, maxLength: 32 }),
});
export const SelfScoreBody = Type.Object({
  scores: Type.Record(Type.String({ maxLength: 20 }), Type.Integer({ minimum: 0, maximum: 100 }), {
    description: '各条目自评得分',
  }),
});
export const ReviewBody = Type.Object({
  stars: Type.Integer({ minimum: 1, maximum: 5, description: '星级' }),
});

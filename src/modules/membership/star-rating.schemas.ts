import { type Static, Type } from 'typebox';
import { DateString, FileDownload, Nullable } from '../shared.schemas.ts';
import { OwnOrgReply } from './membership.schemas.ts';

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

export const ChecklistReply = Type.Object({
  id: Type.Integer(),
  year: Type.Integer({ description: '年度' }),
  org: Type.Object(
    { code: Type.String(), name: Type.String() },
    { description: '制定标准的团委（可能是上级）' },
  ),
  items: Type.Array(
    Type.Object({
      code: Type.String({ description: '条目编号' }),
      label: Type.String({ description: '考核内容' }),
      points: Type.Integer({ description: '分值' }),
    }),
    { description: '对标定级标准' },
  ),
  quotas: Type.Record(Type.String(), Type.Integer(), {
    description: '各星级占比上限（%），键为星级',
  }),
});

export const ChecklistListReply = Type.Object({ items: Type.Array(ChecklistReply) });

export const StarRatingsReply = Type.Object({
  checklist: ChecklistReply,
  items: Type.Array(
    Type.Object({
      branch: OwnOrgReply,
      selfTotal: Nullable(Type.Integer({ description: '自评总分；未自评为 null' })),
      scores: Nullable(
        Type.Record(Type.String(), Type.Integer(), { description: '各条目自评得分；未自评为 null' }),
      ),
      stars: Nullable(Type.Integer({ description: '评定星级；未评定为 null' })),
      reviewedOn: Nullable(DateString),
      actions: Type.Array(Type.Enum(['self-score', 'review'] as const), {
        description:
          '当前用户此时可办理：self-score（团支部自评）/ review（上级评定星级）；与服务端校验同一规则',
      }),
    }),
  ),
});

export const StarRatingsExport = FileDownload('对标定级结果（xlsx）');

export const SelfScoreReply = Type.Object({ selfTotal: Type.Integer({ description: '自评总分' }) });
export const StarsReply = Type.Object({ stars: Type.Integer({ description: '评定的星级' }) });

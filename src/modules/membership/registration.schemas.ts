import { type Static, Type } from 'typebox';
import { DateString } from '../shared.schemas.ts';

export const NewCampaignBody = Type.Object({
  orgCode: Type.String({ minLength: 1, maxLength: 32, description: '开展注册评议的团委编码' }),
  year: Type.Integer({ minimum: 2000, maximum: 2100, description: '年度' }),
  startsOn: DateString,
  endsOn: DateString,
});
export type NewCampaign = Static<typeof NewCampaignBody>;

export const CampaignsQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 32 })) });

export const CampaignParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const CampaignBranchParam = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  code: Type.String({ minLength: 1, maxLength: 32 }),
});
export const ProgressQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 32 })) });

export const RatingsBody = Type.Object({
  meetingOn: DateString,
  items: Type.Array(
    Type.Object({
      personId: Type.Integer({ minimum: 1 }),
      grade: Type.Union(
        [
          Type.Literal('excellent'),
          Type.Literal('qualified'),
          Type.Literal('basically_qualified'),
          Type.Literal('unqualified'),
        ],
        { description: '优秀 / 合格 / 基本合格 / 不合格' },
      ),
      attended: Type.Boolean({ description: '是否参加评议大会' }),
    }),
    { minItems: 1, maxItems: 1000 },
  ),
});
export type RatingsInput = Static<typeof RatingsBody>;

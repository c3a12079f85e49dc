import { type Static, Type } from 'typebox';
import { DateString, FileDownload, Nullable } from '../shared.schemas.ts';
import { OwnOrgReply } from './membership.schemas.ts';

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
export const BranchRatingsQuery = Type.Object({
  meetingOn: Type.Optional(DateString),
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

export const CampaignReply = Type.Object({
  id: Type.Integer(),
  year: Type.Integer({ description: '年度' }),
  startsOn: DateString,
  endsOn: DateString,
  org: Type.Object(
    { code: Type.String(), name: Type.String() },
    { description: '部署注册评议的团委（可能是上级）' },
  ),
});

export const CampaignListReply = Type.Object({ items: Type.Array(CampaignReply) });

export const CampaignProgressReply = Type.Object({
  campaign: CampaignReply,
  totals: Type.Object(
    {
      branches: Type.Integer({ description: '团支部数' }),
      branchesDone: Type.Integer({ description: '已完成评议的团支部数' }),
      members: Type.Integer({ description: '团员数' }),
      rated: Type.Integer({ description: '已评议人数' }),
      registered: Type.Integer({ description: '已注册人数' }),
    },
    { description: '合计' },
  ),
  items: Type.Array(
    Type.Object({
      branch: OwnOrgReply,
      members: Type.Integer({ description: '团员数' }),
      rated: Type.Integer({ description: '已评议人数' }),
      excellent: Type.Integer({ description: '评为优秀的人数' }),
      registered: Type.Integer({ description: '已注册人数' }),
      attended: Type.Integer({ description: '参加评议大会的人数' }),
      meetingOn: Nullable(DateString),
      done: Type.Boolean({ description: '该团支部已完成评议' }),
    }),
  ),
});

export const ProgressExport = FileDownload('注册评议进度（xlsx）');

export const BranchRatingsReply = Type.Object({
  campaign: CampaignReply,
  branch: OwnOrgReply,
  meetingOn: DateString,
  excellentCap: Type.Integer({ description: '可评优秀的最多人数（参评团员数的30%）' }),
  joinedAfter: Type.Array(
    Type.Object({
      personId: Type.Integer({ description: '人员编号' }),
      name: Type.String({ description: '姓名' }),
      joinedOn: DateString,
    }),
    { description: '评议大会后入团、不参加本次评议的团员' },
  ),
  items: Type.Array(
    Type.Object({
      personId: Type.Integer({ description: '人员编号' }),
      name: Type.String({ description: '姓名' }),
      idNumberMasked: Type.String({ description: '脱敏证件号码' }),
      grade: Nullable(Type.String({ description: '评议等次；未评为 null' })),
      attended: Nullable(Type.Boolean({ description: '是否参加评议大会；未评为 null' })),
      registered: Nullable(Type.Boolean({ description: '是否注册；未评为 null' })),
    }),
  ),
});

export const RatingsSavedReply = Type.Object({
  rated: Type.Integer({ description: '评议人数' }),
  excellent: Type.Integer({ description: '优秀人数' }),
  registered: Type.Integer({ description: '注册人数' }),
  attended: Type.Integer({ description: '参会人数' }),
});

import { type Static, Type } from 'typebox';
import { ScopeQuery } from '../services/service-scope.ts';
import { DateString } from '../shared.schemas.ts';

const Code = Type.String({ pattern: '^[A-Za-z0-9-]{1,32}$', description: '编号（字母、数字、连字符）' });
const OrgCode = Type.String({ minLength: 1, maxLength: 32, description: '组织编码' });

export const NewCounsellorBody = Type.Object({
  idNumber: Type.String({ minLength: 1, maxLength: 20, description: '身份证号（须已登记为人员）' }),
  orgCode: OrgCode,
  certificate: Type.String({ minLength: 1, maxLength: 100, description: '证书名称' }),
  certificateNo: Type.String({ minLength: 1, maxLength: 50, description: '证书编号' }),
  joinedOn: DateString,
  leftOn: Type.Optional(Type.Union([DateString, Type.Null()])),
});
export type NewCounsellor = Static<typeof NewCounsellorBody>;

export const CounsellorChangesBody = Type.Object({
  certificate: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  certificateNo: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  leftOn: Type.Optional(Type.Union([DateString, Type.Null()])),
});
export type CounsellorChanges = Static<typeof CounsellorChangesBody>;

export const NewOutreachBody = Type.Object({
  code: Type.Optional(Code),
  title: Type.String({ minLength: 1, maxLength: 100, description: '活动名称' }),
  heldOn: DateString,
  regionCode: Type.String({ minLength: 6, maxLength: 12, description: '村/社区或乡镇区划编码' }),
  orgCode: OrgCode,
  reach: Type.Integer({ minimum: 0, maximum: 1_000_000, description: '覆盖人次' }),
});
export type NewOutreach = Static<typeof NewOutreachBody>;

const Risk = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')], {
  description: '风险等级',
});
const Channel = Type.Union([Type.Literal('面询'), Type.Literal('电话'), Type.Literal('网络')]);

export const NewConsultationBody = Type.Object({
  code: Type.Optional(Code),
  heldOn: DateString,
  /** A supervisor records for a counsellor; a counsellor always records for himself. */
  counsellorId: Type.Optional(Type.Integer({ minimum: 1 })),
  clientRef: Type.String({ pattern: '^[A-Za-z0-9]{1,32}$', description: '来访者编号（化名，字母和数字）' }),
  channel: Channel,
  risk: Type.Optional(Type.Union([Risk, Type.Null()])),
  orgCode: OrgCode,
  notes: Type.Optional(Type.String({ maxLength: 10_000, description: '咨询记录（加密保存）' })),
});
export type NewConsultation = Static<typeof NewConsultationBody>;

export const NotesBody = Type.Object({ notes: Type.String({ maxLength: 10_000 }) });

export const FollowUpBody = Type.Object({
  followedUpOn: Type.Optional(Type.Union([DateString, Type.Null()])),
  referredOn: Type.Optional(Type.Union([DateString, Type.Null()])),
});
export type FollowUp = Static<typeof FollowUpBody>;

export const ConsultationQuery = Type.Object({
  ...ScopeQuery.properties,
  risk: Type.Optional(Risk),
});
export type ConsultationQuery = Static<typeof ConsultationQuery>;

import { type Static, Type } from 'typebox';
import { PersonReference } from '../people/people.schemas.ts';
import { DateString, FileDownload, Nullable, ScopeQuery } from '../shared.schemas.ts';

const Code = Type.String({ pattern: '^[A-Za-z0-9-]{1,32}$', description: '编号（字母、数字、连字符）' });
const OrgCode = Type.String({ minLength: 1, maxLength: 32, description: '组织编码' });

export const NewCounsellorBody = Type.Object({
  ...PersonReference,
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

// ---- Replies (issue 12: only declared fields are serialised) ----
// DESIGN.md "Counselling": the notes are for their counsellor and the supervisor only. No list or export
// reply declares them (nor whether a case has any); only ConsultationReply, which the service fills with
// null for everyone else, carries the field.

const OrgRef = Type.Object({ code: Type.String({ description: '组织编码' }), name: Type.String() });
const IdReply = Type.Object({ id: Type.Integer() });
const IdCodeReply = Type.Object({ id: Type.Integer(), code: Type.String({ description: '编号' }) });

export const CounsellorListReply = Type.Object({
  activeOn: Type.String({ description: '在岗日期 YYYY-MM-DD' }),
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String({ description: '姓名' }),
      idNumberMasked: Type.String({ description: '证件号码（脱敏）' }),
      certificate: Type.String({ description: '证书名称' }),
      certificateNo: Type.String({ description: '证书编号' }),
      joinedOn: DateString,
      leftOn: Nullable(DateString),
      org: OrgRef,
    }),
  ),
});
export const CounsellorIdReply = IdReply;

export const OutreachListReply = Type.Object({
  total: Type.Integer(),
  reach: Type.Integer({ description: '覆盖人次合计' }),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String({ description: '活动编号' }),
      title: Type.String(),
      heldOn: DateString,
      reach: Type.Integer({ description: '覆盖人次' }),
      region: Type.Object({ code: Type.String({ description: '区划编码' }), name: Type.String() }),
      org: OrgRef,
    }),
  ),
});
export const OutreachCreatedReply = IdCodeReply;

/** A consultation as lists show it: who, when, how, how risky — never the notes. */
const ConsultationFields = {
  id: Type.Integer(),
  code: Type.String({ description: '咨询编号' }),
  heldOn: DateString,
  clientRef: Type.String({ description: '来访者编号（化名）' }),
  channel: Type.String({ description: '咨询方式：面询 / 电话 / 网络' }),
  risk: Nullable(Type.String({ description: '风险等级：low / medium / high' })),
  followedUpOn: Nullable(DateString),
  referredOn: Nullable(DateString),
  counsellor: Type.Object({ id: Type.Integer(), name: Type.String() }, { description: '咨询师' }),
  org: OrgRef,
};
export const ConsultationSummary = Type.Object(ConsultationFields);

export const ConsultationListReply = Type.Object({
  total: Type.Integer(),
  highRisk: Type.Integer({ description: '高风险个案数' }),
  items: Type.Array(ConsultationSummary),
});

export const ConsultationReply = Type.Object({
  ...ConsultationFields,
  notesReadable: Type.Boolean({ description: '调用者可否查看咨询记录（咨询师本人或心理督导）' }),
  hasNotes: Type.Boolean({ description: '是否有咨询记录' }),
  notes: Nullable(Type.String({ description: '咨询记录；无权查看时为空（每次查看留痕）' })),
});
export const ConsultationCreatedReply = IdCodeReply;
export const NotesReply = IdReply;

export const FollowUpReply = Type.Object({
  id: Type.Integer(),
  followedUpOn: Nullable(DateString),
  referredOn: Nullable(DateString),
});

export const FollowUpListReply = Type.Object({
  hotline: Type.String({ description: '转介热线（12355）' }),
  total: Type.Integer(),
  open: Type.Integer({ description: '尚未随访或转介的高风险个案数' }),
  items: Type.Array(ConsultationSummary),
});

const Monthly = {
  events: Type.Integer({ description: '心理健康服务活动数' }),
  reach: Type.Integer({ description: '覆盖人次' }),
  consultations: Type.Integer({ description: '个案咨询数' }),
  highRisk: Type.Integer({ description: '高风险个案数' }),
};

export const CounsellingStatisticsReply = Type.Object({
  period: Type.Object({ from: DateString, to: DateString }),
  counsellors: Type.Integer({ description: '在岗心理咨询师数' }),
  ...Monthly,
  byChannel: Type.Record(Type.String(), Type.Integer(), { description: '按咨询方式' }),
  months: Type.Array(Type.Object({ month: Type.String({ description: '月份 YYYY-MM' }), ...Monthly })),
});

export const ConsultationsExport = FileDownload('个案咨询（xlsx，不含咨询记录）');

import { type Static, Type } from 'typebox';
import { DateString, Paging } from '../shared.schemas.ts';

const Instant = Type.String({
  minLength: 10,
  maxLength: 40,
  description: '时间：YYYY-MM-DD HH:mm（北京时间）或 ISO-8601',
});
const Nullable = <T extends Parameters<typeof Type.Optional>[0]>(t: T) =>
  Type.Optional(Type.Union([t, Type.Null()]));

const RuleFields = {
  minMinutes: Type.Optional(Type.Integer({ description: '最短计时（分钟），不足计0' })),
  minSharePercent: Type.Optional(Type.Integer({ description: '最低出勤比例（%），不足计0' })),
  roundingMinutes: Type.Optional(Type.Integer({ description: '计时取整单位（分钟，向下取整）' })),
};

const ActivityFields = {
  title: Type.String({ minLength: 1, maxLength: 100, description: '活动名称' }),
  category: Nullable(Type.String({ maxLength: 50, description: '服务类别' })),
  campaignId: Nullable(Type.Integer({ minimum: 1, description: '所属主题活动' })),
  place: Nullable(Type.String({ maxLength: 100, description: '地点' })),
  regionCode: Nullable(Type.String({ maxLength: 12, description: '所在乡镇（街道）区划编码' })),
  startsAt: Instant,
  endsAt: Instant,
  capacity: Type.Integer({ minimum: 1, maximum: 100000, description: '招募人数' }),
  signupOpensAt: Nullable(Instant),
  signupClosesAt: Nullable(Instant),
  description: Nullable(Type.String({ maxLength: 5000, description: '活动内容' })),
  contact: Nullable(Type.String({ maxLength: 100, description: '联系人及电话' })),
  ...RuleFields,
};

export const NewActivityBody = Type.Object({
  orgCode: Type.String({ minLength: 1, maxLength: 32, description: '组织单位编码' }),
  ...ActivityFields,
});
export type NewActivity = Static<typeof NewActivityBody>;

export const ActivityChangesBody = Type.Partial(Type.Object(ActivityFields));
export type ActivityChanges = Static<typeof ActivityChangesBody>;

export const ActivityQuery = Type.Object({
  ...Paging.properties,
  org: Type.Optional(Type.String({ maxLength: 32 })),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  campaignId: Type.Optional(Type.Integer({ minimum: 1 })),
  q: Type.Optional(Type.String({ maxLength: 50 })),
});
export type ActivityQuery = Static<typeof ActivityQuery>;

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const NewCampaignBody = Type.Object({
  orgCode: Type.String({ minLength: 1, maxLength: 32 }),
  title: Type.String({ minLength: 1, maxLength: 100, description: '主题活动名称' }),
  startsOn: DateString,
  endsOn: DateString,
  description: Nullable(Type.String({ maxLength: 2000 })),
});
export type NewCampaign = Static<typeof NewCampaignBody>;

export const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 32 })) });

export const SettingsBody = Type.Object({
  orgCode: Type.String({ minLength: 1, maxLength: 32 }),
  contact: Nullable(Type.String({ maxLength: 100, description: '证明上的联系人及电话' })),
  minMinutes: Type.Integer(),
  minSharePercent: Type.Integer(),
  roundingMinutes: Type.Integer(),
});
export type Settings = Static<typeof SettingsBody>;

export const ManualAttendanceBody = Type.Object({
  personId: Type.Integer({ minimum: 1 }),
  checkedInAt: Instant,
  checkedOutAt: Instant,
  reason: Type.String({ maxLength: 200, description: '补录原因' }),
});
export type ManualAttendance = Static<typeof ManualAttendanceBody>;

export const DecisionBody = Type.Object({
  enrolmentIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 5000 }),
  reason: Nullable(Type.String({ maxLength: 200, description: '逾期确认或不予确认的原因' })),
});
export type Decision = Static<typeof DecisionBody>;

export const CorrectionBody = Type.Object({
  hours: Type.Number({ exclusiveMinimum: 0, description: '更正后的服务时长（小时）' }),
  reason: Type.String({ maxLength: 200, description: '更正原因' }),
});
export type Correction = Static<typeof CorrectionBody>;

export const ScanBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

export const QrQuery = Type.Object({ action: Type.Union([Type.Literal('in'), Type.Literal('out')]) });

export const PeriodQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 32 })),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
});
export type PeriodQuery = Static<typeof PeriodQuery>;

export const PersonHoursQuery = Type.Object({
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
});

export const IssueCertificateBody = Type.Object({
  personId: Type.Integer({ minimum: 1 }),
  orgCode: Type.String({ minLength: 1, maxLength: 32, description: '出具证明的组织' }),
  from: DateString,
  to: DateString,
});
export type IssueCertificate = Static<typeof IssueCertificateBody>;

export const SelfCertificateBody = Type.Object({ from: DateString, to: DateString });

export const CertificateNumberParam = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 40 }),
});

export const RegistrationBody = Type.Object({
  orgCode: Type.Optional(
    Type.String({ maxLength: 32, description: '注册链接的组织（账号总在本人所在组织，与此无关）' }),
  ),
  idNumber: Type.String({ minLength: 1, maxLength: 20, description: '身份证号' }),
  name: Type.String({ minLength: 1, maxLength: 50 }),
  phone: Type.String({ minLength: 1, maxLength: 20 }),
  password: Type.String({ minLength: 1, maxLength: 100 }),
});
export type Registration = Static<typeof RegistrationBody>;

export const StatusQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 32 })),
  status: Type.Optional(
    Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('rejected')]),
  ),
});

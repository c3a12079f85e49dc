import { type Static, Type } from 'typebox';
import { IdTypeSchema } from '../people/people.schemas.ts';
import { DateString, FileDownload, Nullable, Paging } from '../shared.schemas.ts';

const Instant = Type.String({
  minLength: 10,
  maxLength: 40,
  description: '时间：YYYY-MM-DD HH:mm（北京时间）或 ISO-8601',
});
/** A body field that may be left out or cleared with null. */
const OptionalNullable = <T extends Parameters<typeof Type.Optional>[0]>(t: T) =>
  Type.Optional(Type.Union([t, Type.Null()]));

const RuleFields = {
  minMinutes: Type.Optional(Type.Integer({ description: '最短计时（分钟），不足计0' })),
  minSharePercent: Type.Optional(Type.Integer({ description: '最低出勤比例（%），不足计0' })),
  roundingMinutes: Type.Optional(Type.Integer({ description: '计时取整单位（分钟，向下取整）' })),
};

const ActivityFields = {
  title: Type.String({ minLength: 1, maxLength: 100, description: '活动名称' }),
  category: OptionalNullable(Type.String({ maxLength: 50, description: '服务类别' })),
  campaignId: OptionalNullable(Type.Integer({ minimum: 1, description: '所属主题活动' })),
  place: OptionalNullable(Type.String({ maxLength: 100, description: '地点' })),
  regionCode: OptionalNullable(Type.String({ maxLength: 12, description: '所在乡镇（街道）区划编码' })),
  startsAt: Instant,
  endsAt: Instant,
  capacity: Type.Integer({ minimum: 1, maximum: 100000, description: '招募人数' }),
  signupOpensAt: OptionalNullable(Instant),
  signupClosesAt: OptionalNullable(Instant),
  description: OptionalNullable(Type.String({ maxLength: 5000, description: '活动内容' })),
  contact: OptionalNullable(Type.String({ maxLength: 100, description: '联系人及电话' })),
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
  awaiting: Type.Optional(
    Type.Boolean({ description: '只列出有已签退、待组织者确认服务时长的活动（待办中心的链接）' }),
  ),
});
export type ActivityQuery = Static<typeof ActivityQuery>;

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const NewCampaignBody = Type.Object({
  orgCode: Type.String({ minLength: 1, maxLength: 32 }),
  title: Type.String({ minLength: 1, maxLength: 100, description: '主题活动名称' }),
  startsOn: DateString,
  endsOn: DateString,
  description: OptionalNullable(Type.String({ maxLength: 2000 })),
});
export type NewCampaign = Static<typeof NewCampaignBody>;

export const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 32 })) });

export const SettingsBody = Type.Object({
  orgCode: Type.String({ minLength: 1, maxLength: 32 }),
  contact: OptionalNullable(Type.String({ maxLength: 100, description: '证明上的联系人及电话' })),
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
  reason: OptionalNullable(Type.String({ maxLength: 200, description: '逾期确认或不予确认的原因' })),
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
  idType: Type.Optional(IdTypeSchema),
  idNumber: Type.String({
    minLength: 1,
    maxLength: 24,
    description: '证件号码（居民身份证、港澳台居民居住证为18位；护照5至17位字母或数字）',
  }),
  gender: Type.Optional(
    Type.Union([Type.Literal('男'), Type.Literal('女')], {
      description: '性别（持护照必填；其他证件可不填，填写则须与号码一致）',
    }),
  ),
  birthDate: Type.Optional(
    Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: '出生日期 YYYY-MM-DD（持护照必填；其他证件可不填，填写则须与号码一致）',
    }),
  ),
  name: Type.String({ minLength: 1, maxLength: 50 }),
  phone: Type.String({ minLength: 1, maxLength: 20 }),
  password: Type.String({ minLength: 1, maxLength: 100 }),
  privacyAccepted: Type.Optional(
    Type.Boolean({ description: '已阅读并同意注册页的个人信息保护告知（必须为 true）' }),
  ),
  guardianName: Type.Optional(Type.String({ maxLength: 50, description: '监护人姓名（未满18周岁必填）' })),
  guardianPhone: Type.Optional(Type.String({ maxLength: 20, description: '监护人手机号（未满18周岁必填）' })),
  guardianConsent: Type.Optional(
    Type.Boolean({ description: '监护人同意其参加志愿服务并提供个人信息（未满18周岁必须为 true）' }),
  ),
});
export type Registration = Static<typeof RegistrationBody>;

export const StatusQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 32 })),
  status: Type.Optional(
    Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('rejected')]),
  ),
});

// ---- Responses (issue 12): Fastify serialises only these fields, so a new column cannot leak by accident.

const At = Type.String({ description: '时刻（ISO-8601，UTC）' });
const Hours = Type.Number({ description: '服务时长（小时，最多2位小数）' });
const IdNumberMasked = Type.String({
  description: '证件号码（脱敏：身份证号、居住证号码前4位和后2位，护照号码首位和后2位）',
});
const UserName = (description: string) => Nullable(Type.String({ description }));

export const ActivityReply = Type.Object({
  id: Type.Integer(),
  code: Type.String({ description: '活动编号' }),
  title: Type.String({ description: '活动名称' }),
  category: Nullable(Type.String({ description: '服务类别' })),
  orgCode: Type.String({ description: '组织单位编码' }),
  orgName: Type.String({ description: '组织单位名称' }),
  place: Nullable(Type.String({ description: '地点' })),
  regionCode: Nullable(Type.String({ description: '所在乡镇（街道）区划编码' })),
  regionName: Nullable(Type.String({ description: '所在乡镇（街道）名称' })),
  startsAt: At,
  endsAt: At,
  startDate: Type.String({ description: '开始日期（北京时间）YYYY-MM-DD' }),
  capacity: Nullable(Type.Integer({ description: '招募人数（空：不限，导入的历史活动）' })),
  signupOpensAt: Nullable(At),
  signupClosesAt: Nullable(At),
  description: Nullable(Type.String({ description: '活动内容' })),
  contact: Nullable(Type.String({ description: '联系人及电话' })),
  campaignId: Nullable(Type.Integer({ description: '所属主题活动' })),
  campaignTitle: Nullable(Type.String({ description: '所属主题活动名称' })),
  rule: Type.Object(
    {
      minMinutes: Type.Integer({ description: '最短计时（分钟），不足计0' }),
      minSharePercent: Type.Integer({ description: '最低出勤比例（%），不足计0' }),
      roundingMinutes: Type.Integer({ description: '计时取整单位（分钟，向下取整）' }),
    },
    { description: '计时规则' },
  ),
  signedUp: Type.Integer({ description: '已报名人数' }),
  records: Type.Integer({ description: '已确认的服务记录数' }),
  hours: Type.Number({ description: '已确认的服务时长合计（小时）' }),
});

export const ActivityListReply = Type.Object({
  items: Type.Array(ActivityReply),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const OpenActivityListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      ...ActivityReply.properties,
      signedUpByMe: Type.Boolean({ description: '本人已报名' }),
      open: Type.Boolean({ description: '正在报名期内' }),
      full: Type.Boolean({ description: '报名人数已满' }),
    }),
  ),
});

export const EnrolmentListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer({ description: '报名记录' }),
      personId: Type.Integer(),
      name: Type.String(),
      idNumberMasked: IdNumberMasked,
      status: Type.String({ description: 'signed_up 已报名 / cancelled 已取消' }),
      signedUpAt: At,
      checkedInAt: Nullable(At),
      checkedOutAt: Nullable(At),
      method: Nullable(Type.String({ description: 'qr 扫码 / manual 手工补录' })),
      enteredBy: UserName('补录人'),
      enteredAt: Nullable(At),
      reason: Nullable(Type.String({ description: '补录或驳回原因' })),
      hours: Nullable(Type.Number({ description: '按计时规则算出的时长（小时），确认后才计入' })),
      decision: Nullable(Type.String({ description: '空：待确认 / confirmed 已确认 / rejected 不予确认' })),
      decidedBy: UserName('确认或驳回人'),
      decidedAt: Nullable(At),
      recordId: Nullable(Type.Integer({ description: '确认后写入的服务记录' })),
    }),
  ),
});

export const QrReply = Type.Object({
  activityId: Type.Integer(),
  action: Type.String({ description: 'in 签到 / out 签退' }),
  token: Type.String({ description: '签名的限时令牌' }),
  url: Type.String({ description: '扫码后打开的链接' }),
  expiresAt: At,
  svg: Type.String({ description: '二维码（SVG）' }),
});

export const ManualAttendanceReply = Type.Object({
  enrolmentId: Type.Integer(),
  hours: Type.Number({ description: '按计时规则算出的时长（小时），待确认' }),
});

export const ConfirmReply = Type.Object({
  confirmed: Type.Integer({ description: '确认的人数' }),
  hours: Type.Number({ description: '计入的时长合计（小时）' }),
});

export const RejectReply = Type.Object({ rejected: Type.Integer({ description: '不予确认的人数' }) });

export const CorrectionReply = Type.Object({
  recordId: Type.Integer(),
  revision: Type.Integer({ description: '新版本号' }),
  hours: Hours,
});

export const RevisionListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      revision: Type.Integer({ description: '版本号' }),
      hours: Hours,
      checkedInAt: Nullable(At),
      checkedOutAt: Nullable(At),
      source: Type.String({
        description: 'import 导入 / checkin 扫码签到 / manual 手工补录 / correction 更正',
      }),
      enteredBy: UserName('录入人'),
      enteredAt: Nullable(At),
      confirmedBy: UserName('确认人'),
      confirmedAt: Nullable(At),
      reason: Nullable(Type.String({ description: '补录、逾期或更正原因' })),
      at: Type.String({ description: '本版本写入时刻（ISO-8601，UTC）' }),
    }),
  ),
});

/** One counted record with its evidence (records.ledger.ts presentRecord). */
const HoursRecord = Type.Object({
  recordId: Type.Integer(),
  activityCode: Type.String({ description: '活动编号' }),
  activityTitle: Type.String({ description: '活动名称' }),
  category: Nullable(Type.String({ description: '服务类别' })),
  orgName: Type.String({ description: '组织单位' }),
  startDate: Type.String({ description: '活动开始日期 YYYY-MM-DD' }),
  hours: Hours,
  hoursHundredths: Type.Integer({ description: '服务时长（百分之一小时）' }),
  source: Type.String({ description: 'import 导入 / checkin 扫码签到 / manual 手工补录 / correction 更正' }),
  revision: Type.Integer({ description: '当前版本号' }),
  checkedInAt: Nullable(At),
  checkedOutAt: Nullable(At),
  enteredBy: UserName('录入人'),
  enteredAt: Nullable(At),
  confirmedBy: UserName('确认人'),
  confirmedAt: Nullable(At),
  reason: Nullable(Type.String({ description: '补录、逾期或更正原因' })),
});

export const PersonHoursReply = Type.Object({
  personId: Type.Integer(),
  name: Type.String(),
  idNumberMasked: IdNumberMasked,
  from: DateString,
  to: DateString,
  totalHundredths: Type.Integer({ description: '合计（百分之一小时）' }),
  totalHours: Type.Number({ description: '合计（小时）' }),
  records: Type.Array(HoursRecord),
});

export const AnomalyListReply = Type.Object({
  from: DateString,
  to: DateString,
  items: Type.Array(
    Type.Object({
      kind: Type.String({
        description:
          'late_entry 逾期录入 / self_confirmed 本人录入或确认 / many_manual 大量手工补录 / overlap 时间重叠',
      }),
      label: Type.String({ description: '类型名称' }),
      detail: Type.String({ description: '情况说明' }),
      personId: Nullable(Type.Integer()),
      name: Nullable(Type.String({ description: '志愿者姓名' })),
      activityCodes: Type.Array(Type.String(), { description: '涉及的活动编号' }),
      recordIds: Type.Array(Type.Integer(), { description: '涉及的服务记录' }),
      userName: UserName('经办账号（显示名）'),
    }),
  ),
});

const StarLevels = Type.Array(
  Type.Object({
    level: Type.Integer({ description: '星级' }),
    label: Type.String({ description: '星级名称' }),
    hours: Type.Number({ description: '该星级的累计时长门槛（小时）' }),
    count: Type.Integer({ description: '人数' }),
  }),
);

export const StarListReply = Type.Object({
  orgCode: Type.String(),
  orgName: Type.String(),
  levels: StarLevels,
  items: Type.Array(
    Type.Object({
      personId: Type.Integer(),
      name: Type.String(),
      idNumberMasked: IdNumberMasked,
      orgName: Type.String({ description: '所在组织' }),
      hours: Type.Number({ description: '累计服务时长（小时）' }),
      level: Type.Integer({ description: '星级' }),
      label: Nullable(Type.String({ description: '星级名称' })),
    }),
  ),
});

const Figures = {
  events: Type.Integer({ description: '活动数（场）' }),
  participations: Type.Integer({ description: '参与人次' }),
  volunteers: Type.Integer({ description: '志愿者人数（去重）' }),
  hours: Type.Number({ description: '服务时长（小时）' }),
};

export const StatsReply = Type.Object({
  orgCode: Type.String(),
  orgName: Type.String(),
  from: DateString,
  to: DateString,
  totals: Type.Object(Figures),
  byMonth: Type.Array(Type.Object({ key: Type.String({ description: '月份 YYYY-MM' }), ...Figures })),
  byCategory: Type.Array(Type.Object({ key: Type.String({ description: '服务类别' }), ...Figures })),
  byOrg: Type.Array(
    Type.Object({ orgCode: Type.String(), orgName: Type.String({ description: '下级组织' }), ...Figures }),
  ),
});

export const PeopleStatsReply = Type.Object({
  orgCode: Type.String(),
  from: DateString,
  to: DateString,
  items: Type.Array(
    Type.Object({
      personId: Type.Integer(),
      name: Type.String(),
      idNumberMasked: IdNumberMasked,
      participations: Type.Integer({ description: '参与人次' }),
      hours: Type.Number({ description: '服务时长（小时）' }),
    }),
  ),
});

export const StatsExportReply = FileDownload('志愿服务统计（xlsx）');

export const RegistrationListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      phone: Type.String({ description: '手机号（脱敏）' }),
      idType: Type.String({ description: '证件类型（居民身份证 / 港澳台居民居住证 / 护照）' }),
      idNumberMasked: IdNumberMasked,
      status: Type.String({ description: 'pending 待确认 / confirmed 已确认 / rejected 已驳回' }),
      personId: Nullable(Type.Integer({ description: '确认后关联的人员' })),
      orgCode: Type.String({ description: '账号所在组织' }),
      orgName: Type.String({ description: '账号所在组织名称' }),
      createdAt: At,
      decidedAt: Nullable(At),
      privacyAcceptedAt: Nullable(At),
      guardianName: Nullable(Type.String({ description: '监护人姓名（注册时未满18周岁）' })),
      guardianPhone: Nullable(Type.String({ description: '监护人手机号（脱敏）' })),
      guardianConsentAt: Nullable(At),
    }),
  ),
});

export const RegistrationDecisionReply = Type.Object({
  id: Type.Integer(),
  status: Type.String({ description: 'confirmed 已确认 / rejected 已驳回' }),
  personId: Type.Optional(Type.Integer({ description: '确认时关联或新增的人员' })),
});

export const CampaignListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String({ description: '主题活动名称' }),
      startsOn: DateString,
      endsOn: DateString,
      description: Nullable(Type.String()),
      orgCode: Type.String(),
      orgName: Type.String(),
      activities: Type.Integer({ description: '所含活动数' }),
    }),
  ),
});

export const CampaignReply = Type.Object({
  id: Type.Integer(),
  orgCode: Type.String(),
  title: Type.String({ description: '主题活动名称' }),
  startsOn: DateString,
  endsOn: DateString,
  description: Type.Optional(Nullable(Type.String())),
});

export const SettingsReply = Type.Object({
  orgCode: Type.String(),
  inherited: Type.Boolean({ description: '沿用上级组织的设置' }),
  contact: Nullable(Type.String({ description: '证明上的联系人及电话' })),
  minMinutes: Type.Integer({ description: '最短计时（分钟），不足计0' }),
  minSharePercent: Type.Integer({ description: '最低出勤比例（%），不足计0' }),
  roundingMinutes: Type.Integer({ description: '计时取整单位（分钟，向下取整）' }),
});

export const CertificateReply = Type.Object({
  number: Type.String({ description: '证明编号' }),
  personId: Type.Integer(),
  name: Type.String(),
  idType: Type.String({ description: '证件类型' }),
  idNumberMasked: IdNumberMasked,
  volunteerNo: Type.String({ description: '志愿者编号' }),
  periodFrom: DateString,
  periodTo: DateString,
  hours: Type.Number({ description: '期间内已确认的服务时长（小时）' }),
  activityCount: Type.Integer({ description: '参加活动数' }),
  content: Type.String({ description: '服务内容' }),
  issuerName: Type.String({ description: '出具单位' }),
  contact: Type.String({ description: '联系人及电话' }),
  issuedOn: DateString,
  verifyPath: Type.String({ description: '公开查验页的路径' }),
});

export const CertificatePdfReply = FileDownload('志愿服务证明（PDF）');

export const MyOverviewReply = Type.Object({
  name: Type.String(),
  idNumberMasked: IdNumberMasked,
  volunteerNo: Type.String({ description: '志愿者编号' }),
  year: Type.Object(
    {
      from: DateString,
      to: DateString,
      hours: Type.Number({ description: '本年已确认时长（小时）' }),
      target: Type.Number({ description: '年度目标（小时）' }),
      percent: Type.Integer({ description: '完成比例（%）' }),
    },
    { description: '本年度' },
  ),
  totalHours: Type.Number({ description: '累计已确认时长（小时）' }),
  star: Type.Object({
    level: Type.Integer({ description: '星级（0：未达一星）' }),
    label: Nullable(Type.String({ description: '星级名称（未达一星时为空）' })),
    nextLabel: Nullable(Type.String({ description: '下一星级' })),
    hoursToNext: Nullable(Type.Number({ description: '距下一星级还差（小时）' })),
  }),
  records: Type.Array(HoursRecord),
  enrolments: Type.Array(
    Type.Object({
      activityId: Type.Integer(),
      code: Type.String({ description: '活动编号' }),
      title: Type.String({ description: '活动名称' }),
      orgName: Type.String({ description: '组织单位' }),
      place: Nullable(Type.String()),
      startsAt: At,
      endsAt: At,
      status: Type.String({ description: 'signed_up 已报名 / cancelled 已取消' }),
      checkedInAt: Nullable(At),
      checkedOutAt: Nullable(At),
      hours: Nullable(Type.Number({ description: '按计时规则算出的时长（小时）' })),
      decision: Nullable(Type.String({ description: '空：待确认 / confirmed 已确认 / rejected 不予确认' })),
    }),
  ),
  certificates: Type.Array(CertificateReply),
});

export const SignUpReply = Type.Object({
  enrolmentId: Type.Integer(),
  status: Type.String({ description: 'signed_up 已报名' }),
});

export const CancelReply = Type.Object({ status: Type.String({ description: 'cancelled 已取消' }) });

export const ScanReply = Type.Object({
  activityTitle: Type.String(),
  action: Type.String({ description: 'in 签到 / out 签退' }),
  at: At,
  hours: Nullable(Type.Number({ description: '签退时算出的时长（小时，待确认）；签到时为空' })),
});

import { type Static, Type } from 'typebox';
import { DateString, FileDownload, Nullable } from '../shared.schemas.ts';
import { OwnOrgReply } from './membership.schemas.ts';

export const NewMeetingBody = Type.Object({
  branchCode: Type.String({ minLength: 1, maxLength: 32, description: '团支部编码' }),
  kind: Type.Union(
    [
      Type.Literal('general_meeting'),
      Type.Literal('committee_meeting'),
      Type.Literal('group_meeting'),
      Type.Literal('league_class'),
      Type.Literal('theme_day'),
    ],
    { description: '支部大会 / 支委会 / 团小组会 / 团课 / 主题团日' },
  ),
  heldOn: DateString,
  topic: Type.String({ minLength: 1, maxLength: 200, description: '主题' }),
  minutes: Type.Optional(Type.String({ maxLength: 20_000, description: '会议记录' })),
  attendeeIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 1000, description: '出席团员' }),
});
export type NewMeeting = Static<typeof NewMeetingBody>;

export const MeetingsQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 32 })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
});
export type MeetingsQuery = Static<typeof MeetingsQuery>;

export const NewElectionBody = Type.Object({
  branchCode: Type.String({ minLength: 1, maxLength: 32 }),
  heldOn: DateString,
  termYears: Type.Integer({ minimum: 1, maximum: 3, description: '任期（年）' }),
  secretaryName: Type.String({ minLength: 1, maxLength: 50, description: '当选书记' }),
  committeeSize: Type.Integer({ minimum: 1, maximum: 9, description: '支委会人数（不设支委会的为1）' }),
  note: Type.Optional(Type.String({ maxLength: 200 })),
});
export type NewElection = Static<typeof NewElectionBody>;

export const RemindersQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 32 })),
  within: Type.Optional(Type.Integer({ minimum: 0, maximum: 366, description: '提前提醒的天数，默认90' })),
});

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const AttachmentParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  attachmentId: Type.Integer({ minimum: 1 }),
});

const AttachmentReply = Type.Object({
  id: Type.Integer(),
  name: Type.String({ description: '文件名' }),
  mimeType: Type.String(),
  bytes: Type.Integer({ description: '大小（字节）' }),
});
export const AttachmentUploaded = AttachmentReply;
export const AttachmentFile = FileDownload('会议附件');

const MeetingFields = {
  id: Nullable(
    Type.Integer({ description: '会议记录编号；仅由发展团员表决得出的支部大会为 null（无单独记录）' }),
  ),
  kind: Type.String({
    description:
      '会议类型：general_meeting 支部大会 / committee_meeting 支委会 / group_meeting 团小组会 / league_class 团课 / theme_day 主题团日',
  }),
  heldOn: DateString,
  topic: Type.String({ description: '主题' }),
  minutes: Nullable(Type.String({ description: '会议记录' })),
  expected: Type.Integer({ description: '应到人数' }),
  attended: Type.Integer({ description: '实到人数' }),
  branch: OwnOrgReply,
  admissionCandidates: Type.Integer({ description: '本次支部大会表决的发展对象人数（0 为未表决发展团员）' }),
};

export const MeetingListReply = Type.Object({
  year: Type.Integer({ description: '年度' }),
  items: Type.Array(
    Type.Object({
      ...MeetingFields,
      absentNames: Type.Array(Type.String(), { description: '缺席团员姓名' }),
      attachments: Type.Array(AttachmentReply, { description: '附件' }),
    }),
  ),
});

const PersonRef = Type.Object({
  id: Type.Integer({ description: '人员编号' }),
  name: Type.String({ description: '姓名' }),
});

export const MeetingReply = Type.Object({
  ...MeetingFields,
  attendees: Type.Array(PersonRef, { description: '出席团员' }),
  absentees: Type.Array(PersonRef, { description: '缺席团员（会议当日在册、未出席）' }),
  attachments: Type.Array(AttachmentReply, { description: '附件' }),
});

const KindCounts = (description: string) =>
  Type.Object(
    {
      general_meeting: Type.Integer(),
      committee_meeting: Type.Integer(),
      group_meeting: Type.Integer(),
      league_class: Type.Integer(),
      theme_day: Type.Integer(),
    },
    { description },
  );

export const RhythmReply = Type.Object({
  year: Type.Integer({ description: '年度' }),
  monthsCounted: Type.Integer({ description: '计入应开次数的月数（到上一个完整月）' }),
  items: Type.Array(
    Type.Object({
      branch: OwnOrgReply,
      members: Type.Integer({ description: '团员数' }),
      held: KindCounts('各类会议已开次数'),
      expected: KindCounts('各类会议应开次数'),
      behind: Type.Array(Type.String(), { description: '次数不足的会议类型' }),
    }),
  ),
});

export const RhythmExport = FileDownload('组织生活情况（xlsx）');

export const ElectionRecordedReply = Type.Object({
  id: Type.Integer(),
  termEndsOn: { ...DateString, description: '任期届满日期' },
});

export const ElectionListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      branch: OwnOrgReply,
      heldOn: { ...DateString, description: '换届日期' },
      termYears: Type.Integer({ description: '任期（年）' }),
      termEndsOn: { ...DateString, description: '任期届满日期' },
      secretaryName: Type.String({ description: '当选书记' }),
      committeeSize: Type.Integer({ description: '支委会人数' }),
      note: Nullable(Type.String({ description: '备注' })),
    }),
  ),
});

export const TermRemindersReply = Type.Object({
  horizon: { ...DateString, description: '提醒截止日期' },
  items: Type.Array(
    Type.Object({
      branch: OwnOrgReply,
      status: Type.String({ description: 'none 未登记换届 / expired 任期已满 / due 任期将满' }),
      termEndsOn: Nullable(DateString),
      secretaryName: Nullable(Type.String({ description: '现任书记' })),
    }),
  ),
});

import { type Static, Type } from 'typebox';
import { DateString } from '../shared.schemas.ts';

export const NewMeetingBody = Type.Object({
  branchCode: Type.String({ minLength: 1, maxLength: 32, description: '团支部编码' }),
  kind: Type.Union(
    [
      Type.Literal('general_meeting'),
      Type.Literal('committee_meeting'),
      Type.Literal('group_meeting'),
      Type.Literal('league_class'),
    ],
    { description: '支部大会 / 支委会 / 团小组会 / 团课' },
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

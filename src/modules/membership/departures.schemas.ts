import { type Static, Type } from 'typebox';
import { DateString } from '../shared.schemas.ts';

export const AgeingOutQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 32 })),
  until: Type.Optional(
    Type.Union([DateString], { description: '列出此日前年满28周岁的团员；默认今天起90天' }),
  ),
});
export type AgeingOutQuery = Static<typeof AgeingOutQuery>;

export const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 32 })) });

export const NewDeparturesBody = Type.Object({
  personIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000 }),
  reason: Type.Union([Type.Literal('age'), Type.Literal('other')], {
    description: '超龄离团 age / 其他 other',
  }),
  leftOn: DateString,
  note: Type.Optional(Type.String({ maxLength: 200 })),
});
export type NewDepartures = Static<typeof NewDeparturesBody>;

export const NewLapseBody = Type.Object({
  personId: Type.Integer({ minimum: 1 }),
  votedOn: Type.Union([DateString], { description: '支部大会表决日期' }),
  note: Type.Optional(Type.String({ maxLength: 200 })),
});
export type NewLapse = Static<typeof NewLapseBody>;

export const LapseDecisionBody = Type.Object({
  approve: Type.Boolean({ description: '上级组织是否批准' }),
  note: Type.Optional(Type.String({ maxLength: 200 })),
});

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

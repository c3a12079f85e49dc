import { type Static, Type } from 'typebox';
import { DateString, Paging } from '../shared.schemas.ts';

const PoliticalStatus = Type.Union(
  ['young_pioneer', 'league_member', 'probationary_party_member', 'party_member', 'masses'].map((s) =>
    Type.Literal(s),
  ),
  { description: '政治面貌' },
);
const Nullable = <T extends Parameters<typeof Type.Optional>[0]>(t: T) =>
  Type.Optional(Type.Union([t, Type.Null()]));

const EditableFields = {
  name: Type.String({ minLength: 1, maxLength: 50, description: '姓名' }),
  gender: Nullable(Type.Union([Type.Literal('男'), Type.Literal('女')])),
  birthDate: Nullable(DateString),
  ethnicity: Nullable(Type.String({ maxLength: 20 })),
  phone: Nullable(Type.String({ maxLength: 20 })),
  politicalStatus: PoliticalStatus,
  orgCode: Nullable(Type.String({ maxLength: 32 })),
  joinedOn: Nullable(DateString),
  memberNo: Nullable(Type.String({ maxLength: 20 })),
  education: Nullable(Type.String({ maxLength: 50 })),
  workplace: Nullable(Type.String({ maxLength: 100 })),
};

export const NewPersonBody = Type.Object({
  idNumber: Type.String({ minLength: 1, maxLength: 20, description: '身份证号' }),
  ...EditableFields,
});
export type NewPerson = Static<typeof NewPersonBody>;

export const PersonChangesBody = Type.Partial(Type.Object(EditableFields));
export type PersonChanges = Static<typeof PersonChangesBody>;

export const PeopleQuery = Type.Object({
  ...Paging.properties,
  org: Type.Optional(Type.String({ maxLength: 32 })),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  politicalStatus: Type.Optional(PoliticalStatus),
});
export type PeopleQuery = Static<typeof PeopleQuery>;

export const PersonIdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

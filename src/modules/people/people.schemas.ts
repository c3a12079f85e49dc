import { type Static, Type } from 'typebox';
import { DateString, FileDownload, Nullable, Paging } from '../shared.schemas.ts';

const PoliticalStatus = Type.Union(
  ['young_pioneer', 'league_member', 'probationary_party_member', 'party_member', 'masses'].map((s) =>
    Type.Literal(s),
  ),
  { description: '政治面貌' },
);
/** An optional input that may also be cleared with null. */
const NullableInput = <T extends Parameters<typeof Type.Optional>[0]>(t: T) =>
  Type.Optional(Type.Union([t, Type.Null()]));

const EditableFields = {
  name: Type.String({ minLength: 1, maxLength: 50, description: '姓名' }),
  gender: NullableInput(Type.Union([Type.Literal('男'), Type.Literal('女')])),
  birthDate: NullableInput(DateString),
  ethnicity: NullableInput(Type.String({ maxLength: 20 })),
  phone: NullableInput(Type.String({ maxLength: 20 })),
  politicalStatus: PoliticalStatus,
  orgCode: NullableInput(Type.String({ maxLength: 32 })),
  joinedOn: NullableInput(DateString),
  memberNo: NullableInput(Type.String({ maxLength: 20 })),
  education: NullableInput(Type.String({ maxLength: 50 })),
  workplace: NullableInput(Type.String({ maxLength: 100 })),
};

export const IdTypeSchema = Type.Union(
  [Type.Literal('resident_id'), Type.Literal('hkmt_residence_permit'), Type.Literal('passport')],
  {
    description: '证件类型：resident_id 居民身份证 / hkmt_residence_permit 港澳台居民居住证 / passport 护照',
  },
);

export const NewPersonBody = Type.Object({
  idType: Type.Optional(IdTypeSchema),
  idNumber: Type.String({
    minLength: 1,
    maxLength: 24,
    description: '证件号码（居民身份证、港澳台居民居住证为18位；护照5至17位字母或数字）',
  }),
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

export const PeopleLookupBody = Type.Object({
  q: Type.String({ maxLength: 50, description: '完整姓名或证件号码（不支持部分姓名、手机号）' }),
});
export type PeopleLookup = Static<typeof PeopleLookupBody>;

/**
 * Who a ledger record (cadre post, aid grant) names: the person picked in the admin's person picker, or one
 * named by identity number (imports, the demo, API clients). Exactly one of them (issue 17, item 12). A caller
 * who reads no roll (person.lookup only) picks by the reference his lookup gave, never by id (person-ref.ts).
 */
export const PersonRefField = Type.String({
  minLength: 1,
  maxLength: 100,
  description: '人员凭据（按完整姓名或证件号码查找人员时返回，仅查找人本人 2 小时内可用）',
});

export const PersonReference = {
  personId: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: '人员 id（在人员选择框中选定；须有浏览人员名单的权限；与 personRef、idNumber 三选一）',
    }),
  ),
  personRef: Type.Optional(PersonRefField),
  idNumber: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 24,
      description: '证件号码（身份证号、港澳台居民居住证号码或护照号码；须已登记为人员；与 personId 二选一）',
    }),
  ),
};
export interface PersonReference {
  personId?: number;
  personRef?: string;
  idNumber?: string;
}

export const PersonIdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const OrgRef = Type.Object(
  { code: Type.String({ description: '团组织代码' }), name: Type.String() },
  { description: '所在团组织；无则为 null' },
);

/**
 * A person in a list: the identity number masked, and age (周岁) rather than the birth date, which beside the mask
 * would give the hidden digits away (DESIGN.md). The encrypted number and its lookup hash are never declared.
 */
export const PersonSummaryReply = Type.Object({
  id: Type.Integer(),
  name: Type.String({ description: '姓名' }),
  gender: Type.String({ description: '性别（男/女）' }),
  age: Type.Integer({ description: '周岁' }),
  idType: Type.String({ description: '证件类型代码（resident_id / hkmt_residence_permit / passport）' }),
  idNumberMasked: Type.String({ description: '脱敏证件号码（身份证号前4位与后2位）' }),
  phoneMasked: Nullable(Type.String({ description: '脱敏手机号码（139****0001）' })),
  politicalStatus: Type.String({ description: '政治面貌代码' }),
  org: Nullable(OrgRef),
  joinedOn: Nullable(DateString),
  memberNo: Nullable(Type.String({ description: '团员编号' })),
});

export const PersonReply = Type.Object({
  ...PersonSummaryReply.properties,
  ethnicity: Nullable(Type.String({ description: '民族' })),
  education: Nullable(Type.String({ description: '学历' })),
  workplace: Nullable(Type.String({ description: '工作单位或学校' })),
  createdAt: Type.String({ format: 'date-time', description: '登记时间' }),
  updatedAt: Type.String({ format: 'date-time', description: '最后修改时间' }),
});

export const PersonListReply = Type.Object({
  items: Type.Array(PersonSummaryReply),
  total: Type.Integer({ description: '符合条件的总数' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const PeopleExport = FileDownload('人员名单（xlsx，证件号码与手机号脱敏）');

export const IdNumberRevealReply = Type.Object({
  idNumber: Type.String({ description: '完整证件号码（每次查看均留痕）' }),
});

export const PhoneRevealReply = Type.Object({
  phone: Nullable(Type.String({ description: '完整手机号码（每次查看均留痕）；未登记则为 null' })),
});

/** The named lookup's answer: who he is, told apart from another of his name by the masked number and branch. */
export const PeopleLookupReply = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String({ description: '姓名' }),
      idNumberMasked: Type.String({ description: '脱敏证件号码' }),
      org: Nullable(OrgRef),
      ref: Type.String({ description: '人员凭据：登记考勤、资助时以此指明此人（仅本人 2 小时内有效）' }),
    }),
    { description: '至多 10 人' },
  ),
  total: Type.Integer({ description: '符合的人数（多于 10 人时请输入证件号码）' }),
});

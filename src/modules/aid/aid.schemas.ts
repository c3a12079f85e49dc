import { type Static, Type } from 'typebox';
import { PersonReference } from '../people/people.schemas.ts';
import { DateString, FileDownload, Nullable, ScopeQuery } from '../shared.schemas.ts';

const Program = Type.Union([Type.Literal('助学'), Type.Literal('心理健康'), Type.Literal('其他')], {
  description: '项目',
});
const Yuan = Type.Number({
  exclusiveMinimum: 0,
  maximum: 100_000_000,
  description: '金额（元，最多2位小数）',
});
const OrgCode = Type.String({ minLength: 1, maxLength: 32, description: '组织编码' });

export const AidQuery = Type.Object({ ...ScopeQuery.properties, program: Type.Optional(Program) });
export type AidQuery = Static<typeof AidQuery>;

export const NewDonationBody = Type.Object({
  donor: Type.String({ minLength: 1, maxLength: 100, description: '捐赠方' }),
  donorKind: Type.Union([Type.Literal('单位'), Type.Literal('个人')], { description: '捐赠方类型' }),
  amount: Yuan,
  donatedOn: DateString,
  program: Program,
  orgCode: OrgCode,
  note: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
});
export type NewDonation = Static<typeof NewDonationBody>;

export const NewGrantBody = Type.Object({
  ...PersonReference,
  amount: Yuan,
  grantedOn: DateString,
  program: Program,
  orgCode: OrgCode,
  reason: Type.String({ minLength: 1, maxLength: 200, description: '资助原因' }),
  school: Type.String({ minLength: 1, maxLength: 100, description: '就读学校' }),
});
export type NewGrant = Static<typeof NewGrantBody>;

export const DisclosureQuery = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 32 }),
  from: DateString,
  to: DateString,
});

// ---- Replies (issue 12: only declared fields are serialised; students only by name and masked number) ----

const OrgRef = Type.Object({ code: Type.String({ description: '组织编码' }), name: Type.String() });
const YuanReply = (description: string) => Type.Number({ description: `${description}（元）` });
const Student = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    idNumberMasked: Type.String({ description: '证件号码（脱敏）' }),
  },
  { description: '受助学生' },
);

const DonationFields = {
  code: Type.String({ description: '捐赠编号' }),
  donor: Type.String({ description: '捐赠方' }),
  donorKind: Type.String({ description: '捐赠方类型' }),
  amount: YuanReply('金额'),
  donatedOn: DateString,
  program: Type.String({ description: '项目' }),
  note: Nullable(Type.String()),
  org: OrgRef,
};

export const DonationListReply = Type.Object({
  total: Type.Integer(),
  amount: YuanReply('合计'),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      ...DonationFields,
      receiptNo: Nullable(Type.String({ description: '收据编号' })),
    }),
  ),
});

export const DonationCreatedReply = Type.Object({
  id: Type.Integer(),
  code: Type.String({ description: '捐赠编号' }),
  receiptNo: Type.String({ description: '收据编号' }),
});

export const GrantListReply = Type.Object({
  total: Type.Integer(),
  amount: YuanReply('合计'),
  students: Type.Integer({ description: '受助学生人数' }),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String({ description: '发放编号' }),
      student: Student,
      amount: YuanReply('金额'),
      grantedOn: DateString,
      program: Type.String({ description: '项目' }),
      reason: Nullable(Type.String({ description: '资助原因' })),
      school: Nullable(Type.String({ description: '学校' })),
      org: OrgRef,
    }),
  ),
});

export const GrantCreatedReply = Type.Object({
  id: Type.Integer(),
  code: Type.String({ description: '发放编号' }),
  balance: YuanReply('发放后项目结余'),
});

export const DonorListReply = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer({ description: '序号（按金额）' }),
      donor: Type.String({ description: '捐赠方' }),
      donorKind: Type.String({ description: '捐赠方类型' }),
      donations: Type.Integer({ description: '捐赠笔数' }),
      lastDonatedOn: DateString,
      amount: YuanReply('金额'),
    }),
  ),
});

export const BeneficiaryListReply = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      student: Student,
      school: Nullable(Type.String({ description: '学校' })),
      reason: Nullable(Type.String({ description: '资助原因' })),
      grants: Type.Integer({ description: '受助次数' }),
      amount: YuanReply('金额'),
      lastGrantedOn: DateString,
    }),
  ),
});

export const BalanceListReply = Type.Object({
  asOf: DateString,
  items: Type.Array(
    Type.Object({
      org: OrgRef,
      program: Type.String({ description: '项目' }),
      raised: YuanReply('收到捐赠'),
      granted: YuanReply('已发放'),
      balance: YuanReply('结余'),
    }),
  ),
});

/** The printable receipt is an HTML page: the schema documents it (strings of text/html pass unserialised). */
export const ReceiptPage = Type.Unsafe<string>({ type: 'string', description: '捐赠收据（HTML，可打印）' });

export const DonationsExport = FileDownload('捐赠（xlsx）');
export const GrantsExport = FileDownload('资助发放（xlsx，证件号码脱敏）');

import { type TSchema, Type } from 'typebox';
import { DateString, FileDownload, Nullable, Paging } from '../shared.schemas.ts';
import { INDICATORS, type Indicator, type IndicatorKey, LEAD_LABELS, type Lead } from './indicators.ts';

export const ReportQuery = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 32, description: '组织编码' }),
  from: DateString,
  to: DateString,
});

export const IndicatorQuery = Type.Object({
  ...ReportQuery.properties,
  indicator: Type.String({ minLength: 1, maxLength: 64, description: '指标键，如 member.total' }),
});

export const RecordsQuery = Type.Object({ ...IndicatorQuery.properties, ...Paging.properties });

export const ArticleQuery = Type.Object({
  ...ReportQuery.properties,
  format: Type.Union([Type.Literal('md'), Type.Literal('docx')], { default: 'md' }),
});

/** 下载Word of the draft as edited on the page (issue 17 item 3); the text is Markdown as the editor holds it. */
export const EditedArticleBody = Type.Object({
  ...ReportQuery.properties,
  markdown: Type.String({ minLength: 1, maxLength: 100_000, description: '编辑后的文稿（Markdown）' }),
});

/**
 * How a figure is written in REPORT-SPEC.md's JSON: money in yuan with at most 2 decimals, a ratio between 0 and
 * 1, hours (a stored integer scaled back) as a number, every other figure a count.
 */
function figureSchema(i: Indicator): TSchema {
  if (i.unit === '元') return Type.Number({ minimum: 0, description: `${i.description}（元，至多2位小数）` });
  if (i.unit === '%') return Type.Number({ minimum: 0, maximum: 1, description: i.description });
  if ('divisor' in i.figure && i.figure.divisor !== 1)
    return Type.Number({ minimum: 0, description: i.description });
  return Type.Integer({ minimum: 0, description: i.description });
}

/**
 * REPORT-SPEC.md's `indicators`: exactly the table's keys, in its order (the serialiser writes them in the order
 * declared, and the acceptance test compares the keys' order with expected-report.json).
 */
const INDICATOR_SCHEMAS = Object.fromEntries(INDICATORS.map((i) => [i.key, figureSchema(i)])) as {
  [K in IndicatorKey]: TSchema;
};

/** `GET /api/reports/answer-sheet`: the JSON of REPORT-SPEC.md, a stable interface (INTERFACES.md). */
export const AnswerSheetReply = Type.Object(
  {
    org: Type.Object({
      code: Type.String({ description: '组织编码' }),
      name: Type.String({ description: '组织名称' }),
    }),
    period: Type.Object({
      from: Type.String({ description: '开始日期（含）' }),
      to: Type.String({ description: '结束日期（含）' }),
    }),
    indicators: Type.Object(INDICATOR_SCHEMAS, {
      additionalProperties: false,
      description: '青春答卷指标（REPORT-SPEC.md）：计数为整数，金额为元，比例为 0 到 1',
    }),
  },
  { description: '青春答卷：组织（含下级）在期内的各项指标' },
);

export const CompareReply = Type.Object({
  items: Type.Array(AnswerSheetReply, { description: '范围内各县团委的青春答卷，按组织编码排序' }),
});

export const IndicatorListReply = Type.Object({
  items: Type.Array(
    Type.Object({
      key: Type.String({ description: '指标键，如 member.total' }),
      label: Type.String({ description: '指标名称' }),
      lead: Type.Unsafe<Lead>(
        Type.Union(
          Object.keys(LEAD_LABELS).map((lead) => Type.Literal(lead)),
          { description: '所属“引领”' },
        ),
      ),
      leadLabel: Type.String({ description: '所属“引领”的名称，如 党建引领' }),
      unit: Type.String({ description: '单位：名、个、元、%…' }),
      drillable: Type.Boolean({ description: '当前用户能否查看该数字背后的明细（需明细来源名单的权限）' }),
    }),
  ),
});

// Optional: a row carries only the columns of its own indicator.
const text = (description: string) => Type.Optional(Nullable(Type.String({ description })));
const quantity = (description: string) => Type.Optional(Nullable(Type.Number({ description })));

/**
 * One record behind a figure. Each indicator lists its own columns (report-records.ts LISTINGS, named in the
 * reply's `columns`); this is their union, so a row carries only those of its own indicator. People appear by
 * name and masked identity number only; consultation clients only by their pseudonym. Every value is text
 * (codes shown as their Chinese words) except the quantities.
 */
export const RecordRow = Type.Object(
  {
    // people
    name: text('姓名，或组织、团校、阵地、乡镇的名称（视指标而定）'),
    id_number: text('证件号码（脱敏）'),
    member_no: text('团员编号'),
    client_ref: text('来访者编号（化名，不是身份）'),
    // where
    org_name: text('组织名称'),
    region_name: text('所在区划'),
    code: text('编号或编码（组织、经费、捐赠、发放、阵地、区划、课程、活动、岗位、咨询）'),
    // admissions, party recommendations
    applied_on: text('申请日期'),
    recommended_by: text('推荐方式'),
    status: text('状态（入团申请或实习安排）'),
    joined_on: text('入团日期，或咨询师加入日期'),
    recommended_on: text('推荐日期'),
    stage: text('推荐类型'),
    outcome: text('结果'),
    // orgs
    kind: text('组织类型'),
    level: text('组织层级'),
    domain: text('所属领域'),
    established_on: text('成立日期'),
    // cadres, counsellors
    title: text('职务，或课程、活动、岗位名称'),
    mode: text('任职方式'),
    source: text('人员来源，或经费来源'),
    started_on: text('任职日期'),
    ended_on: text('离任日期'),
    certificate: text('证书名称'),
    left_on: text('退出日期'),
    // money
    program: text('项目'),
    amount: quantity('金额（元）'),
    received_on: text('到位日期'),
    purpose: text('用途'),
    donor: text('捐赠方'),
    donor_kind: text('捐赠方类型'),
    donated_on: text('捐赠日期'),
    granted_on: text('发放日期'),
    reason: text('资助原因'),
    grants: quantity('资助次数'),
    // schools, classes
    honorary_principal: text('名誉校长'),
    held_on: text('日期（团课、活动、咨询）'),
    teacher: text('授课人'),
    classes: quantity('合格团课数'),
    hours: quantity('学时或服务时长（小时）'),
    // venues, townships
    opened_on: text('启用日期'),
    youth_homes: quantity('青年之家数'),
    // counselling
    reach: quantity('覆盖人次'),
    channel: text('咨询方式'),
    risk: text('风险等级'),
    // internships
    employer: text('实习单位'),
    slots: quantity('名额'),
    starts_on: text('开始日期'),
    post_code: text('岗位编号'),
    post_title: text('岗位名称'),
    // volunteering
    activity_code: text('活动编号'),
    activity_title: text('活动名称'),
    start_date: text('活动日期'),
    category: text('服务类别'),
    place: text('地点'),
    participations: quantity('参与次数'),
  },
  { description: '指标明细的一行：只含该指标 columns 所列的键' },
);

export const RecordsReply = Type.Object({
  indicator: Type.String({ description: '指标键' }),
  label: Type.String({ description: '指标名称' }),
  columns: Type.Array(
    Type.Object({
      key: Type.String({ description: '行中的键' }),
      title: Type.String({ description: '列标题' }),
    }),
    { description: '该指标明细的列，按显示顺序' },
  ),
  items: Type.Array(RecordRow),
  total: Type.Integer({ description: '明细总条数' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const RecordsExportReply = FileDownload('指标明细（xlsx）');

export const ArticleReply = Type.Unsafe<string | Buffer>({
  type: 'string',
  description: '青春答卷文稿：format=md 时为 Markdown 文本（text/markdown），format=docx 时为 Word 文件',
});

export const EditedArticleReply = FileDownload('青春答卷文稿（Word，按编辑后的文本）');

const month = Type.String({ description: '月份 YYYY-MM' });

export const DashboardReply = Type.Object({
  volunteerByMonth: Type.Array(
    Type.Object({
      month,
      participations: Type.Integer({ description: '志愿服务人次' }),
      hours: Type.Number({ description: '服务时长（小时）' }),
    }),
  ),
  admissionsByMonth: Type.Array(
    Type.Object({
      month,
      applied: Type.Integer({ description: '当月申请数' }),
      activist: Type.Integer({ description: '当月确定为积极分子数' }),
      candidate: Type.Integer({ description: '当月确定为发展对象数' }),
      admitted: Type.Integer({ description: '当月入团数' }),
    }),
  ),
  orgsByDomain: Type.Array(
    Type.Object({
      domain: Type.String({ description: '所属领域' }),
      count: Type.Integer({ description: '正常的团组织数' }),
    }),
  ),
  townshipCoverage: Type.Array(
    Type.Object({
      code: Type.String({ description: '乡镇区划编码' }),
      name: Type.String({ description: '乡镇（街道）名称' }),
      youthHomes: Type.Integer({ description: '该乡镇已建的青年之家数' }),
    }),
  ),
  aidByMonth: Type.Array(
    Type.Object({
      month,
      raised: Type.Number({ description: '助学捐赠（元）' }),
      granted: Type.Number({ description: '助学发放（元）' }),
    }),
  ),
});

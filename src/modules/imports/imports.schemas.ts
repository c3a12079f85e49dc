import { Type } from 'typebox';
import { FileDownload, Nullable } from '../shared.schemas.ts';

export const KindParam = Type.Object({ kind: Type.String({ minLength: 1, maxLength: 40 }) });

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ description: '仅校验：读完并检查整个文件，但不写入' })),
});

const ImportColumn = Type.Object({
  header: Type.String({ description: '表头（列名）' }),
  key: Type.String({ description: '列的内部键' }),
  required: Type.Boolean(),
  naturalKey: Type.Boolean({ description: '是否属于识别同一条记录的键（重复导入时据此更新）' }),
  format: Type.String({ description: '填写格式说明' }),
  folds: Type.Array(Type.String(), { description: '也认得的其他写法，如「团员 → 共青团员」' }),
  synonyms: Type.Array(Type.String(), { description: '也认得的其他表头名，如「公民身份号码」' }),
});

export const ImportKindsReply = Type.Object({
  items: Type.Array(
    Type.Object({
      kind: Type.String({ description: '导入类型，用于上传地址 /api/imports/:kind' }),
      label: Type.String({ description: '类型名称' }),
      columns: Type.Array(ImportColumn),
    }),
  ),
});

export const ImportTemplateReply = FileDownload('导入模板（xlsx）');

const Problem = Type.Object({
  row: Nullable(Type.Integer({ description: '行号（表头为第 1 行）' })),
  column: Nullable(Type.String({ description: '列名' })),
  value: Nullable(Type.String({ description: '单元格内容（过长时只显示前 100 个字符）' })),
  reason: Type.String({ description: '原因' }),
});

export const ImportResultReply = Type.Object({
  importId: Type.Integer({ description: '导入记录编号' }),
  kind: Type.String(),
  fileName: Type.String(),
  checksum: Type.String({ description: '文件的 SHA-256' }),
  dryRun: Type.Boolean(),
  rows: Type.Integer({ description: '数据行数' }),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  warnings: Type.Array(Problem),
  errorCount: Type.Integer(),
  warningCount: Type.Integer(),
});

const ImportJob = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  fileName: Type.String({ description: '文件名（上传完成前为空）' }),
  dryRun: Type.Boolean(),
  state: Type.Union(
    [
      Type.Literal('queued'),
      Type.Literal('running'),
      Type.Literal('interrupted'),
      Type.Literal('done'),
      Type.Literal('failed'),
    ],
    { description: 'queued 排队中，running 导入中，interrupted 已中断' },
  ),
  stateLabel: Type.String({ description: '排队中 / 导入中 / 已中断' }),
  ahead: Type.Integer({ description: '排队时，前面还有几个导入（含正在进行的）' }),
  username: Nullable(Type.String()),
  mine: Type.Boolean({ description: '是否为当前用户的导入' }),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  summary: Nullable(Type.String({ description: '结束时的说明（如中断原因）' })),
  importId: Nullable(Type.Integer({ description: '结束后的导入记录编号（结果与明细）' })),
  progress: Nullable(
    Type.Object(
      {
        phase: Type.Union([Type.Literal('reading'), Type.Literal('importing'), Type.Literal('committing')]),
        phaseLabel: Type.String({ description: '读取文件 / 检查并写入 / 提交' }),
        read: Type.Integer({ description: '已读取的数据行' }),
        checked: Type.Integer({ description: '已检查的行（含有错误的行）' }),
        written: Type.Integer({ description: '已写入的行（新增、更新或未变化）' }),
        total: Nullable(Type.Integer({ description: '文件中数据行数的估计；无法预估时为空' })),
        etaSeconds: Nullable(Type.Integer({ description: '按目前速度估计的剩余秒数' })),
        at: Type.String({ format: 'date-time', description: '进度最后更新的时间' }),
      },
      { description: '导入中的进度（至多每半秒更新一次）' },
    ),
  ),
});

const ImportRecord = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  fileName: Type.String(),
  checksum: Type.String(),
  dryRun: Type.Boolean(),
  status: Type.String({ description: 'imported 已导入，checked 校验通过，refused 被拒绝' }),
  rows: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  errorCount: Type.Integer(),
  warningCount: Type.Integer(),
  username: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});

export const ImportListReply = Type.Object({
  jobs: Type.Array(ImportJob, { description: '排队中、导入中和最近一天内中断的导入' }),
  recent: Type.Array(ImportJob, {
    description: '最近一天内结束的导入（本人的；管理员为管理范围内所有人的）',
  }),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(ImportRecord, { description: '已结束的导入记录，最新在前' }),
});

const Via = Nullable(
  Type.Union(
    [Type.Literal('mapping'), Type.Literal('exact'), Type.Literal('synonym'), Type.Literal('similar')],
    {
      description: 'mapping 已保存或给定的对应关系，exact 列名相同，synonym 常见的其他写法，similar 列名相近',
    },
  ),
);

export const SuggestReply = Type.Object({
  kind: Type.String(),
  headerRow: Nullable(Type.Integer({ description: '表头所在行号（多行合并表头为其最后一行）' })),
  skipped: Type.Integer({ description: '表头上方跳过的标题行数' }),
  columns: Type.Array(
    Type.Object({
      index: Type.Integer({ description: '文件中的列序号（从 0 起）' }),
      header: Type.String({ description: '文件中的表头' }),
      samples: Type.Array(Type.String(), {
        description: '前几行的值（身份证号、手机号已遮盖，出生日期只显示年份）',
      }),
      column: Nullable(Type.String({ description: '建议对应的列；为空表示不导入' })),
      via: Via,
      reason: Nullable(Type.String({ description: '建议的依据（中文）' })),
      folds: Type.Array(Type.String(), { description: '该列也认得的其他写法' }),
    }),
  ),
  missing: Type.Array(Type.String(), { description: '没有任何表头对应到的必填列' }),
  errors: Type.Array(Problem, { description: '按当前建议导入时表头的错误' }),
  warnings: Type.Array(Problem),
  saved: Nullable(
    Type.Object(
      { id: Type.Integer(), name: Type.String(), orgCode: Type.String() },
      { description: '按相同表头自动套用的已保存对应关系' },
    ),
  ),
});

export const MappingIdParam = Type.Object({
  kind: Type.String({ minLength: 1, maxLength: 40 }),
  id: Type.Integer({ minimum: 1 }),
});

const MappingObject = Type.Record(Type.String(), Nullable(Type.String()), {
  description: '文件表头 → 模板列名（null 表示该列不导入），如 {"公民身份号码": "证件号码"}',
});

const SavedMapping = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  name: Type.String(),
  orgCode: Type.String({ description: '保存它的组织' }),
  own: Type.Boolean({ description: '是否本组织保存的（可修改、删除）' }),
  mapping: MappingObject,
  headers: Type.Array(Type.String(), { description: '保存时文件的表头（规范化、排序后）' }),
  updatedBy: Nullable(Type.String()),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const SavedMappingReply = SavedMapping;
export const SavedMappingsReply = Type.Object({ items: Type.Array(SavedMapping) });

export const SaveMappingBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: '名称，如「智慧团建团员导出」' }),
  mapping: MappingObject,
  headers: Type.Array(Type.String({ maxLength: 200 }), {
    maxItems: 1000,
    description: '文件的全部表头（表头相同的文件将自动套用）',
  }),
});

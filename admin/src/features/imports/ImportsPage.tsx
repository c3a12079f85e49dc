import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, errorMessage, saveBlob } from '../../api/client';
import { type Answer, http, type Item, ok, type Problem, saveFile } from '../../api/http';
import { formatDateTime } from '../../app/forms';
import { importKindLabels, importStatusLabels, label } from '../../app/labels';
import { usePagedTable } from '../../app/usePagedTable';
import { type ImportJob, JobProgressBar } from './ImportProgress';
import {
  type Choices,
  initialChoices,
  MappingStep,
  mappingErrors,
  mappingOf,
  type Suggestion,
} from './MappingStep';

const ACCEPT = '.xlsx,.xls,.csv';

type ImportKind = Item<'/api/imports/kinds'>;
type ImportColumn = ImportKind['columns'][number];
type ImportRecord = Item<'/api/imports'>;
type ImportResult = Answer<'/api/imports/{kind}', 'post'>;

type Outcome =
  | { type: 'ok'; result: ImportResult }
  | { type: 'refused'; fileName: string; message: string; errors: Problem[]; warnings: Problem[] }
  | { type: 'failed'; message: string };

const problemColumns: TableColumnsType<Problem> = [
  { title: '行号', dataIndex: 'row', width: 80, render: (v: number | null) => v ?? '—' },
  { title: '列', dataIndex: 'column', width: 140, render: (v: string | null) => v ?? '—' },
  {
    title: '值',
    dataIndex: 'value',
    width: 200,
    render: (v: string | null) =>
      v === null || v === '' ? '—' : <span style={{ wordBreak: 'break-all' }}>{v}</span>,
  },
  { title: '原因', dataIndex: 'reason' },
];

function ProblemTable({ problems, testId }: { problems: Problem[]; testId: string }) {
  return (
    <Table<Problem>
      data-testid={testId}
      size="small"
      rowKey={(_, i) => String(i)}
      columns={problemColumns}
      dataSource={problems}
      pagination={problems.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
    />
  );
}

function csvField(value: string | number | null): string {
  const text = value == null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The problems as a CSV file Excel opens as it is (UTF-8 with a byte order mark, CRLF), so that a clerk can work
 * through a long list beside the spreadsheet she is correcting.
 */
function saveProblems(problems: Problem[], fileName: string): void {
  const lines = [['行号', '列', '值', '原因'], ...problems.map((p) => [p.row, p.column, p.value, p.reason])];
  const text = `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName);
}

function ProblemsTitle({
  title,
  problems,
  fileName,
}: {
  title: string;
  problems: Problem[];
  fileName: string;
}) {
  return (
    <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <Button size="small" icon={<DownloadOutlined />} onClick={() => saveProblems(problems, fileName)}>
        下载清单（CSV）
      </Button>
    </Space>
  );
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '');
}

function kindLabel(kinds: ImportKind[] | undefined, kind: string): string {
  return kinds?.find((k) => k.kind === kind)?.label ?? label(importKindLabels, kind);
}

/** What the user sees of a job while its upload's request waits: its place in the queue, or that it runs. */
export function jobProgress(job: ImportJob | undefined): string {
  if (!job) return '正在上传…';
  if (job.state === 'queued')
    return job.ahead > 0 ? `排队中（前面还有 ${job.ahead} 个）` : '排队中（下一个就是您）';
  if (job.state === 'running') return '导入中';
  return job.stateLabel;
}

const jobColors: Record<string, string> = { queued: 'gold', running: 'processing', interrupted: 'red' };

function asProblems(v: unknown): Problem[] {
  return Array.isArray(v) ? (v as Problem[]) : [];
}

export default function ImportsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<string | undefined>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [dryRun, setDryRun] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [downloading, setDownloading] = useState(false);
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [choices, setChoices] = useState<Choices>({});

  const kinds = useQuery({
    queryKey: ['imports', 'kinds'],
    queryFn: ({ signal }) => ok(http.GET('/api/imports/kinds', { signal })).then((r) => r.items),
    staleTime: 10 * 60_000,
  });
  const selectedKind = kind ?? kinds.data?.[0]?.kind;
  const current = useMemo(() => kinds.data?.find((k) => k.kind === selectedKind), [kinds.data, selectedKind]);

  const history = usePagedTable('imports', '/api/imports', {}, { pageSize: 10 });

  // The mapping step: once a file is chosen, its header is read and each column's reading suggested.
  const suggest = useMutation({
    mutationFn: async ({ kind, file }: { kind: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return ok(
        http.POST('/api/imports/{kind}/suggest', { params: { path: { kind } }, body: form as never }),
      );
    },
    onMutate: () => setSuggestion(null),
    onSuccess: (s) => {
      setSuggestion(s);
      setChoices(initialChoices(s));
    },
  });
  const chosenFile = files[0]?.originFileObj;
  const suggestFor = suggest.mutate;
  useEffect(() => {
    if (selectedKind && chosenFile) suggestFor({ kind: selectedKind, file: chosenFile });
    else setSuggestion(null);
  }, [selectedKind, chosenFile, suggestFor]);
  const blocking = suggestion && current ? mappingErrors(suggestion, choices, current.columns) : [];

  const run = useMutation({
    mutationFn: async () => {
      const file = files[0]?.originFileObj;
      if (!selectedKind || !file) throw new Error('请先选择类型和文件');
      const form = new FormData();
      // The confirmed mapping goes before the file: the server reads the fields that precede the stream.
      if (suggestion) form.append('mapping', JSON.stringify(mappingOf(suggestion, choices)));
      form.append('file', file, file.name);
      // The file goes as multipart (the route reads it as a stream; its schema declares no JSON body).
      return ok(
        http.POST('/api/imports/{kind}', {
          params: { path: { kind: selectedKind }, query: { dryRun } },
          body: form as never,
        }),
      );
    },
    onMutate: () => setOutcome(null),
    onSuccess: (result) => {
      setOutcome({ type: 'ok', result });
      message.success(result.dryRun ? '校验通过' : '导入完成');
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 422) {
        const d = (e.details ?? {}) as { errors?: unknown; warnings?: unknown; problems?: unknown };
        const errors = asProblems(d.errors ?? d.problems);
        setOutcome({
          type: 'refused',
          fileName: files[0]?.name ?? '导入文件',
          message: e.message,
          errors,
          warnings: asProblems(d.warnings),
        });
      } else {
        setOutcome({ type: 'failed', message: errorMessage(e) });
      }
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['imports'] });
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      void queryClient.invalidateQueries({ queryKey: ['orgs'] });
    },
  });

  // The queue (排队中 / 导入中 / 已中断) and the imports ended lately: polled each second while an import runs
  // (one's own, or another's, started in a tab since closed), every five while one waits, else not.
  const queue = useQuery({
    queryKey: ['imports', 'jobs'],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/imports', { params: { query: { page: 1, pageSize: 1 } }, signal })).then((r) => ({
        jobs: r.jobs,
        recent: r.recent,
      })),
    refetchInterval: (query) =>
      run.isPending || query.state.data?.jobs.some((j) => j.state === 'running')
        ? 1000
        : query.state.data?.jobs.some((j) => j.state !== 'interrupted')
          ? 5000
          : false,
  });
  const jobs = { data: queue.data?.jobs };
  const myJob = jobs.data?.find((j) => j.mine && (j.state === 'queued' || j.state === 'running'));

  const downloadTemplate = async () => {
    if (!selectedKind) return;
    setDownloading(true);
    try {
      await saveFile(
        () =>
          http.GET('/api/imports/kinds/{kind}/template', {
            params: { path: { kind: selectedKind } },
            parseAs: 'stream',
          }),
        `${kindLabel(kinds.data, selectedKind)}导入模板.xlsx`,
      );
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  const columnColumns: TableColumnsType<ImportColumn> = [
    {
      title: '列名',
      dataIndex: 'header',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: '必填',
      dataIndex: 'required',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="red">必填</Tag> : <Tag>选填</Tag>),
    },
    { title: '格式', dataIndex: 'format', render: (v: string | null) => v || '—' },
  ];

  const historyColumns: TableColumnsType<ImportRecord> = [
    { title: '时间', dataIndex: 'createdAt', render: formatDateTime },
    { title: '类型', dataIndex: 'kind', render: (v: string) => kindLabel(kinds.data, v) },
    { title: '文件名', dataIndex: 'fileName' },
    {
      title: '方式',
      dataIndex: 'dryRun',
      render: (v: boolean) => (v ? <Tag color="blue">试导入</Tag> : <Tag color="green">导入</Tag>),
    },
    {
      title: '结果',
      dataIndex: 'status',
      render: (v: string, r) => (
        <Tag color={r.errorCount > 0 ? 'red' : 'green'}>
          {r.dryRun ? (r.errorCount > 0 ? '检查未通过' : '检查通过') : label(importStatusLabels, v)}
        </Tag>
      ),
    },
    { title: '新增', dataIndex: 'inserted', align: 'right' },
    { title: '更新', dataIndex: 'updated', align: 'right' },
    { title: '未变化', dataIndex: 'unchanged', align: 'right' },
    { title: '错误', dataIndex: 'errorCount', align: 'right' },
    { title: '警告', dataIndex: 'warningCount', align: 'right' },
    { title: '操作人', dataIndex: 'username' },
  ];

  const file = files[0];

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        数据导入
      </Typography.Title>
      {kinds.isError && (
        <Alert type="error" showIcon title={errorMessage(kinds.error)} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="1. 选择导入类型并下载模板" style={{ height: '100%' }}>
            <Form layout="vertical">
              <Form.Item label="导入类型">
                <Select
                  value={selectedKind}
                  loading={kinds.isLoading}
                  onChange={(v: string) => {
                    setKind(v);
                    setOutcome(null);
                  }}
                  options={(kinds.data ?? []).map((k) => ({
                    value: k.kind,
                    label: k.label || label(importKindLabels, k.kind),
                  }))}
                  placeholder="选择类型"
                  data-testid="import-kind"
                />
              </Form.Item>
            </Form>
            <Space style={{ marginBottom: 12 }} wrap>
              <Button
                icon={<DownloadOutlined />}
                disabled={!selectedKind}
                loading={downloading}
                onClick={() => void downloadTemplate()}
                data-testid="import-template"
              >
                下载模板
              </Button>
              <Typography.Text type="secondary">
                支持 .xlsx、.xls 和 .csv；表头与模板不同也可以，上传后核对各列的对应即可
              </Typography.Text>
            </Space>
            <Table<ImportColumn>
              size="small"
              rowKey="key"
              columns={columnColumns}
              dataSource={current?.columns ?? []}
              pagination={false}
              scroll={{ x: 'max-content', y: 320 }}
              data-testid="import-columns"
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="2. 上传文件" style={{ height: '100%' }}>
            <Upload.Dragger
              accept={ACCEPT}
              multiple={false}
              maxCount={1}
              fileList={files}
              beforeUpload={(f) => {
                const ok = /\.(xlsx|xls|csv)$/i.test(f.name);
                if (!ok) {
                  message.error('只支持 .xlsx、.xls 或 .csv 文件');
                  return Upload.LIST_IGNORE;
                }
                return false;
              }}
              onChange={({ fileList }) => {
                setFiles(fileList.slice(-1));
                setOutcome(null);
              }}
              onRemove={() => {
                setFiles([]);
                setOutcome(null);
              }}
              data-testid="import-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或将文件拖到此处</p>
              <p className="ant-upload-hint">
                Excel（.xlsx、.xls）或 CSV 文件（UTF-8 或 GBK 编码均可），一次一个
              </p>
            </Upload.Dragger>
            <div style={{ marginTop: 16, display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
              <Checkbox
                checked={dryRun}
                onChange={(e) => setDryRun(e.target.checked)}
                data-testid="import-dry-run"
              >
                仅校验（不写入）
              </Checkbox>
              <Button
                type="primary"
                icon={<UploadOutlined />}
                disabled={!file || !selectedKind || suggest.isPending || blocking.length > 0}
                loading={run.isPending}
                onClick={() => run.mutate()}
                data-testid="import-start"
              >
                {run.isPending ? jobProgress(myJob) : '开始导入'}
              </Button>
            </div>
            {run.isPending && (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 12 }}
                title={jobProgress(myJob)}
                description={
                  myJob?.progress ? (
                    <>
                      <JobProgressBar job={myJob} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        关闭本页不会中断导入，回到本页可在下方看到进度和结果。
                      </Typography.Text>
                    </>
                  ) : (
                    '每个服务进程同时只进行有限个导入，其余按上传先后排队；关闭本页不会中断已开始的导入。'
                  )
                }
                data-testid="import-progress"
              />
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
              文件中只要有一处错误，整个文件都不会写入；请按错误清单修改后重新上传。重复导入同一文件不会产生重复记录。
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>

      {(suggest.isPending || suggest.isError || suggestion) && selectedKind && current && (
        <Card
          size="small"
          title="3. 核对表头对应（确认每一列导入为哪一项）"
          style={{ marginTop: 16 }}
          loading={suggest.isPending}
        >
          {suggest.isError && <Alert type="error" showIcon title={errorMessage(suggest.error)} />}
          {suggestion && (
            <MappingStep
              key={`${selectedKind}:${files[0]?.uid ?? ''}`}
              kind={selectedKind}
              suggestion={suggestion}
              columns={current.columns}
              choices={choices}
              onChange={setChoices}
            />
          )}
        </Card>
      )}

      {outcome && (
        <Card size="small" title="导入结果" style={{ marginTop: 16 }} data-testid="import-outcome">
          {outcome.type === 'ok' && (
            <>
              <Result
                status="success"
                style={{ padding: '16px 0' }}
                title={outcome.result.dryRun ? '校验通过，文件未写入' : '导入成功'}
                subTitle={`${outcome.result.fileName}，共 ${outcome.result.rows} 行`}
              />
              <Row gutter={16} style={{ textAlign: 'center', marginBottom: 16 }} data-testid="import-counts">
                <Col span={8}>
                  <Statistic
                    title={outcome.result.dryRun ? '将新增' : '新增'}
                    value={outcome.result.inserted}
                    suffix="条"
                  />
                </Col>
                <Col span={8}>
                  <Statistic
                    title={outcome.result.dryRun ? '将更新' : '更新'}
                    value={outcome.result.updated}
                    suffix="条"
                  />
                </Col>
                <Col span={8}>
                  <Statistic title="未变化" value={outcome.result.unchanged} suffix="条" />
                </Col>
              </Row>
              <Alert
                type="success"
                showIcon
                title={`新增 ${outcome.result.inserted} 条，更新 ${outcome.result.updated} 条，未变化 ${outcome.result.unchanged} 条`}
                style={{ marginBottom: outcome.result.warnings.length ? 16 : 0 }}
              />
              {outcome.result.warnings.length > 0 && (
                <>
                  <ProblemsTitle
                    title={`警告（${outcome.result.warnings.length} 处，不影响导入，请核实）`}
                    problems={outcome.result.warnings}
                    fileName={`${baseName(outcome.result.fileName)}-警告清单.csv`}
                  />
                  <ProblemTable problems={outcome.result.warnings} testId="import-warnings" />
                </>
              )}
            </>
          )}
          {outcome.type === 'refused' && (
            <>
              <Alert
                type="error"
                showIcon
                title={`文件未导入：共 ${outcome.errors.length} 处错误`}
                description={
                  outcome.message && !outcome.message.startsWith('文件未导入')
                    ? outcome.message
                    : '请按下表修改文件后重新上传。'
                }
                style={{ marginBottom: 16 }}
                data-testid="import-refused"
              />
              <ProblemsTitle
                title={`错误（${outcome.errors.length} 处）`}
                problems={outcome.errors}
                fileName={`${baseName(outcome.fileName)}-错误清单.csv`}
              />
              <ProblemTable problems={outcome.errors} testId="import-errors" />
              {outcome.warnings.length > 0 && (
                <>
                  <div style={{ marginTop: 16 }} />
                  <ProblemsTitle
                    title={`警告（${outcome.warnings.length} 处）`}
                    problems={outcome.warnings}
                    fileName={`${baseName(outcome.fileName)}-警告清单.csv`}
                  />
                  <ProblemTable problems={outcome.warnings} testId="import-warnings" />
                </>
              )}
            </>
          )}
          {outcome.type === 'failed' && <Alert type="error" showIcon title={outcome.message} />}
        </Card>
      )}

      {(jobs.data?.length ?? 0) > 0 && (
        <Card size="small" title="排队与进行中的导入" style={{ marginTop: 16 }}>
          <Table<ImportJob>
            data-testid="import-jobs"
            size="small"
            rowKey={(r) => String(r.id)}
            dataSource={jobs.data}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '上传时间', dataIndex: 'createdAt', render: formatDateTime },
              { title: '类型', dataIndex: 'kind', render: (v: string) => kindLabel(kinds.data, v) },
              { title: '文件名', dataIndex: 'fileName', render: (v: string) => v || '（上传中）' },
              {
                title: '状态',
                dataIndex: 'state',
                render: (v: string, r) => <Tag color={jobColors[v]}>{jobProgress(r)}</Tag>,
              },
              {
                title: '进度',
                key: 'progress',
                render: (_, r) => (r.progress ? <JobProgressBar job={r} compact /> : '—'),
              },
              { title: '说明', dataIndex: 'summary', render: (v: string | null) => v ?? '—' },
              { title: '操作人', dataIndex: 'username' },
            ]}
          />
        </Card>
      )}

      {(queue.data?.recent.length ?? 0) > 0 && (
        <Card size="small" title="最近一天结束的导入" style={{ marginTop: 16 }}>
          <Table<ImportJob>
            data-testid="import-recent"
            size="small"
            rowKey={(r) => String(r.id)}
            dataSource={queue.data?.recent}
            pagination={queue.data && queue.data.recent.length > 10 ? { pageSize: 10 } : false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '结束时间', dataIndex: 'finishedAt', render: formatDateTime },
              { title: '类型', dataIndex: 'kind', render: (v: string) => kindLabel(kinds.data, v) },
              { title: '文件名', dataIndex: 'fileName' },
              {
                title: '方式',
                dataIndex: 'dryRun',
                render: (v: boolean) => (v ? <Tag color="blue">试导入</Tag> : <Tag color="green">导入</Tag>),
              },
              {
                title: '结果',
                dataIndex: 'state',
                render: (v: string, r) => <Tag color={v === 'done' ? 'green' : 'red'}>{r.stateLabel}</Tag>,
              },
              { title: '说明', dataIndex: 'summary', render: (v: string | null) => v ?? '—' },
              { title: '操作人', dataIndex: 'username' },
            ]}
          />
        </Card>
      )}

      <Card size="small" title="导入记录" style={{ marginTop: 16 }}>
        <Table<ImportRecord>
          data-testid="import-history"
          size="small"
          rowKey={(r) => String(r.id)}
          columns={historyColumns}
          dataSource={history.items}
          loading={history.loading}
          pagination={history.pagination}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无导入记录' }}
        />
      </Card>
    </>
  );
}

import { CopyOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Grid,
  Input,
  Row,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, saveFile } from '../../api/http';
import { useMe } from '../../app/auth';
import { SubmitToSite } from '../newsroom/SubmitToSite';
import { type IndicatorMeta, leadLabel, leads } from './indicators';
import { FigureLink } from './LeadCards';
import { MarkdownPreview } from './Markdown';
import {
  type AnswerSheet,
  notAvailable,
  useAnswerSheet,
  useArticle,
  useIndicators,
  useReportScope,
} from './reportApi';
import { ScopeBar } from './ScopeBar';

interface IndicatorRow {
  meta: IndicatorMeta;
  leadSpan: number;
}

function saveJson(sheet: AnswerSheet) {
  const blob = new Blob([`${JSON.stringify(sheet, null, 2)}\n`], { type: 'application/json' });
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = `青春答卷-${sheet.org.code}-${sheet.period.from}至${sheet.period.to}.json`;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Older browsers and plain-http intranet deployments have no async clipboard.
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  const ok = document.execCommand('copy');
  ta.remove();
  if (!ok) throw new Error('浏览器不允许复制，请手动选中全文复制');
}

/**
 * The clerk's edits of one draft, kept in this browser until put back to the generated text (issue 17 item 3):
 * looking at the submitted piece and coming back must not lose them, nor a second 提交到网站 send the
 * regenerated text. Only figures already meant for publication are in it.
 */
function savedDraft(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function saveDraft(key: string, text: string | null): void {
  try {
    if (text === null) localStorage.removeItem(key);
    else localStorage.setItem(key, text);
  } catch {
    // Storage refused (private window, full): the edit stays on the page, as before.
  }
}

/** 青春答卷: the indicator table, downloads, and the drafted article to edit. */
export default function ReportPage() {
  const { message } = App.useApp();
  const [scope, setScope] = useReportScope();
  const indicators = useIndicators();
  const sheet = useAnswerSheet(scope);
  const article = useArticle(scope);
  const [draft, setDraft] = useState('');
  const [draftScope, setDraftScope] = useState('');
  const [downloading, setDownloading] = useState(false);
  const me = useMe();
  const scopeKey = `tuanwu:answer-sheet-draft:${me.username}:${scope.org}:${scope.from}:${scope.to}`;

  // A new organisation or period brings a new draft; a refetch of the same one (the window regaining focus)
  // must not replace what the clerk has typed (issue 17 item 3).
  useEffect(() => {
    if (article.data !== undefined && draftScope !== scopeKey) {
      setDraft(savedDraft(scopeKey) ?? article.data);
      setDraftScope(scopeKey);
    }
  }, [article.data, draftScope, scopeKey]);

  const editDraft = (text: string) => {
    setDraft(text);
    saveDraft(scopeKey, text === article.data ? null : text);
  };

  const rows: IndicatorRow[] = [];
  for (const lead of leads) {
    const metas = indicators.byLead.get(lead.key) ?? [];
    metas.forEach((meta, i) => {
      rows.push({ meta, leadSpan: i === 0 ? metas.length : 0 });
    });
  }

  const values = sheet.data?.indicators;
  const screens = Grid.useBreakpoint();
  const isMobile = !screens.sm;
  const columns: TableColumnsType<IndicatorRow> = [
    {
      title: isMobile ? '引领' : '五个引领',
      key: 'lead',
      width: isMobile ? 48 : 100,
      render: (_, r) => (
        <Typography.Text strong>
          {isMobile ? leadLabel(r.meta.lead).slice(0, 2) : leadLabel(r.meta.lead)}
        </Typography.Text>
      ),
      onCell: (r) => ({ rowSpan: r.leadSpan }),
    },
    { title: '指标', key: 'label', render: (_, r) => r.meta.label },
    {
      title: '数值',
      key: 'value',
      align: 'right',
      width: isMobile ? 96 : 150,
      render: (_, r) => <FigureLink meta={r.meta} value={values?.[r.meta.key]} scope={scope} />,
    },
  ];

  const downloadWord = async () => {
    setDownloading(true);
    try {
      // The text as edited here, not the draft regenerated from the figures (issue 17 item 3).
      const name = await saveFile(
        () =>
          http.POST('/api/reports/article/docx', { body: { ...scope, markdown: draft }, parseAs: 'stream' }),
        `青春答卷-${scope.org}-${scope.from}至${scope.to}.docx`,
      );
      message.success(`已下载 ${name}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  const edited = article.data !== undefined && draft !== article.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        青春答卷
      </Typography.Title>
      <Card size="small">
        <ScopeBar
          scope={scope}
          onChange={setScope}
          extra={
            <Space wrap>
              <Button
                type="primary"
                title="按本页编辑后的文稿下载 Word"
                icon={<DownloadOutlined />}
                loading={downloading}
                disabled={!draft.trim()}
                onClick={() => void downloadWord()}
                data-testid="download-word"
              >
                下载Word
              </Button>
              <Button
                icon={<DownloadOutlined />}
                disabled={!sheet.data}
                onClick={() => sheet.data && saveJson(sheet.data)}
                data-testid="export-json"
              >
                导出JSON
              </Button>
            </Space>
          }
        />
      </Card>
      {sheet.isError && <Alert type="error" showIcon title={errorMessage(sheet.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={`${sheet.data?.org.name ?? ''} 指标一览`}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {scope.from} 至 {scope.to}
              </Typography.Text>
            }
          >
            <Table<IndicatorRow>
              data-testid="indicator-table"
              size="small"
              bordered
              loading={sheet.isFetching}
              rowKey={(r) => r.meta.key}
              columns={columns}
              dataSource={rows}
              pagination={false}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title="文章初稿">
            <Space wrap style={{ marginBottom: 12 }}>
              <Button
                icon={<ReloadOutlined />}
                disabled={!edited}
                onClick={() => article.data !== undefined && editDraft(article.data)}
              >
                恢复初稿
              </Button>
              <Button
                icon={<CopyOutlined />}
                disabled={!draft}
                data-testid="copy-article"
                onClick={() =>
                  copyText(draft).then(
                    () => message.success('已复制全文'),
                    (e: unknown) => message.error(errorMessage(e)),
                  )
                }
              >
                复制全文
              </Button>
              <SubmitToSite scope={scope} markdown={draft} />
            </Space>
            {article.isError ? (
              <Alert
                type={notAvailable(article.error) ? 'info' : 'error'}
                showIcon
                title={
                  notAvailable(article.error)
                    ? '文章生成服务尚未开通（/api/reports/article）'
                    : errorMessage(article.error)
                }
              />
            ) : (
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={12}>
                  <Flex vertical gap={4}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      Markdown（可直接修改，“#”为标题，空行分段）{edited ? ' · 已修改' : ''}
                    </Typography.Text>
                    <Input.TextArea
                      data-testid="article-editor"
                      value={draft}
                      onChange={(e) => editDraft(e.target.value)}
                      autoSize={{ minRows: 16, maxRows: 40 }}
                      disabled={article.isLoading}
                      placeholder={article.isLoading ? '正在生成初稿…' : ''}
                      style={{ fontSize: 13 }}
                    />
                  </Flex>
                </Col>
                <Col xs={24} lg={12}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    预览
                  </Typography.Text>
                  <div
                    style={{
                      border: '1px solid #f0f0f0',
                      borderRadius: 4,
                      padding: '8px 16px',
                      marginTop: 4,
                      background: '#fffdf8',
                    }}
                  >
                    <MarkdownPreview source={draft} />
                  </div>
                </Col>
              </Row>
            )}
          </Card>
        </Col>
      </Row>
      {values && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          注：统计范围为所选组织及其全部下级组织；金额 1
          万元以上以“万元”计，比率以百分数计。点击数值可查看明细记录。
        </Typography.Text>
      )}
    </Space>
  );
}

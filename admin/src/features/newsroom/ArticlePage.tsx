import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { http, ok } from '../../api/http';
import { beijingTime, instantOfPicker, pickerOfInstant } from '../../app/dates';
import { applyServerErrors } from '../../app/forms';
import { CoverImage } from './CoverImage';
import {
  type ArticleDetail,
  type ArticleInput,
  statusColors,
  useArticle,
  useArticleCheck,
  useStructure,
} from './newsroomApi';
import { PrePublishCheck } from './PrePublishCheck';
import { RichEditor } from './RichEditor';

interface FormValues extends Omit<ArticleInput, 'publishAt'> {
  publishAt?: Dayjs | null;
  note?: string;
}

function Problems({
  title,
  problems,
}: {
  title: string;
  problems: { value: string | null; reason: string }[];
}) {
  return (
    <Alert
      type="warning"
      showIcon
      title={title}
      data-testid="check-problems"
      description={
        <List
          size="small"
          dataSource={problems}
          renderItem={(p) => (
            <List.Item>
              {p.reason}
              {p.value ? `（${p.value}）` : ''}
            </List.Item>
          )}
        />
      }
    />
  );
}

/** Writes, revises, submits and — for reviewers — approves, returns or withdraws one piece. */
export default function ArticlePage() {
  const { id: idParam } = useParams();
  const id = idParam ? Number(idParam) : null;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const structure = useStructure();
  const article = useArticle(id);
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ value: string | null; reason: string }[] | null>(null);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const a = article.data;
  const channelSlug = Form.useWatch('channelSlug', form);

  useEffect(() => {
    if (!a) return;
    form.setFieldsValue({
      title: a.title,
      summary: a.summary,
      bodyHtml: a.bodyHtml,
      channelSlug: a.channelSlug,
      columnSlug: a.columnSlug,
      source: a.source,
      featured: a.featured,
      publishAt: a.publishAt ? pickerOfInstant(a.publishAt) : null,
      coverImage: a.coverImage,
    });
  }, [a, form]);

  const refresh = async (saved: ArticleDetail) => {
    queryClient.setQueryData(['newsroom', 'article', saved.id], saved);
    await queryClient.invalidateQueries({ queryKey: ['newsroom', 'articles'] });
  };
  const onError = (e: unknown) => {
    if (e instanceof ApiError && e.message.startsWith('稿件未通过发布前检查')) {
      setProblems(
        (
          (e.details as { problems?: { value: string | null; reason: string }[] } | undefined)?.problems ?? []
        ).map((p) => ({ value: p.value, reason: p.reason })),
      );
      return;
    }
    setFormError(applyServerErrors(form, e));
  };

  const save = useMutation({
    mutationFn: async (v: FormValues) => {
      const body = {
        ...v,
        publishAt: v.publishAt ? instantOfPicker(v.publishAt) : null,
        columnSlug: v.columnSlug ?? null,
      };
      return id
        ? ok(http.PATCH('/api/newsroom/articles/{id}', { params: { path: { id } }, body }))
        : ok(http.POST('/api/newsroom/articles', { body: { ...body, note: undefined } }));
    },
    onSuccess: async (saved) => {
      setFormError(null);
      message.success(`已保存（第 ${saved.revision} 版）`);
      await refresh(saved);
      if (!id) navigate(`/newsroom/articles/${saved.id}`, { replace: true });
    },
    onError,
  });
  const act = useMutation({
    mutationFn: ({
      action,
      comment,
    }: {
      action: 'submit' | 'approve' | 'return' | 'withdraw';
      comment?: string;
    }) => {
      const path = { params: { path: { id: id! } } };
      if (action === 'return')
        return ok(
          http.POST('/api/newsroom/articles/{id}/return', { ...path, body: { comment: comment ?? '' } }),
        );
      if (action === 'submit') return ok(http.POST('/api/newsroom/articles/{id}/submit', path));
      if (action === 'approve') return ok(http.POST('/api/newsroom/articles/{id}/approve', path));
      return ok(http.POST('/api/newsroom/articles/{id}/withdraw', path));
    },
    onSuccess: async (saved, { action }) => {
      setProblems(null);
      const done: Record<string, string> = {
        submit: '已提交审核',
        approve: saved.statusLabel === '定时发布' ? '已审核通过，将按时发布' : '已发布到网站',
        return: '已退回给编辑',
        withdraw: '已撤稿',
      };
      message.success(done[action] ?? '完成');
      setReturning(false);
      await refresh(saved);
    },
    onError,
  });
  // Run on opening and after every save: what would stop the piece is in view before anyone presses 发布.
  const check = useArticleCheck(id, a?.revision, Boolean(a) && a?.status !== 'published');

  const channels = structure.data?.channels ?? [];
  const columns = (structure.data?.columns ?? []).filter(
    (c) => !channelSlug || c.channelSlug === channelSlug,
  );
  const editable = !a || a.mayEdit;
  const busy = save.isPending || act.isPending;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {id ? '稿件' : '写稿件'}
        </Typography.Title>
        {a && (
          <Tag color={statusColors[a.status]} data-testid="article-status">
            {a.statusLabel}
          </Tag>
        )}
        {a?.status === 'published' && (
          <a href={`/articles/${a.id}`} target="_blank" rel="noreferrer">
            在网站上查看
          </a>
        )}
      </Space>
      {article.isError && <Alert type="error" showIcon title={errorMessage(article.error)} />}
      {a?.status === 'returned' && a.reviewComment && (
        <Alert
          type="warning"
          showIcon
          title={`${a.reviewerName ?? '审核人员'}退回了稿件`}
          description={a.reviewComment}
          data-testid="review-comment"
        />
      )}
      {problems && problems.length > 0 && <Problems title="发布前检查发现以下问题" problems={problems} />}
      {formError && <Alert type="error" showIcon title={formError} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card size="small">
            <Form<FormValues>
              form={form}
              layout="vertical"
              disabled={!editable}
              initialValues={{ featured: false, bodyHtml: '' }}
              onFinish={(v) => save.mutate(v)}
            >
              <Form.Item name="title" label="标题" rules={[{ required: true, message: '请输入标题' }]}>
                <Input maxLength={120} showCount data-testid="article-title" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="channelSlug"
                    label="频道"
                    rules={[{ required: true, message: '请选择频道' }]}
                  >
                    <Select
                      data-testid="article-channel"
                      options={channels.map((c) => ({ value: c.slug, label: c.name }))}
                      onChange={() => form.setFieldValue('columnSlug', null)}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="columnSlug" label="专栏（可选）">
                    <Select
                      allowClear
                      options={columns.map((c) => ({
                        value: c.slug,
                        label: `《${c.name}》（${c.orgName}）`,
                      }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="bodyHtml"
                label="正文（可直接粘贴 Word 内容）"
                rules={[{ required: true, message: '请输入正文' }]}
              >
                <RichEditor />
              </Form.Item>
              <Form.Item name="coverImage" label="封面图（首页要闻与分享时显示，可选）">
                <CoverImage />
              </Form.Item>
              <Form.Item name="summary" label="摘要（留空则取正文开头）">
                <Input.TextArea rows={2} maxLength={300} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={10}>
                  <Form.Item name="source" label="来源（默认本组织名称）">
                    <Input maxLength={60} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={10}>
                  <Form.Item name="publishAt" label="定时发布（留空则审核通过即发布）">
                    <DatePicker
                      showTime={{ format: 'HH:mm' }}
                      format="YYYY-MM-DD HH:mm"
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={4}>
                  <Form.Item name="featured" label="要闻" valuePropName="checked">
                    <Checkbox>首页要闻</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
              {id && editable && (
                <Form.Item name="note" label="修改说明">
                  <Input maxLength={200} placeholder="如：按审核意见补充数据" />
                </Form.Item>
              )}
            </Form>
            <Space wrap>
              {editable && (
                <Button onClick={() => form.submit()} loading={save.isPending} data-testid="save-article">
                  保存
                </Button>
              )}
              {a && ['draft', 'returned', 'withdrawn'].includes(a.status) && a.mayEdit && (
                <Button
                  type="primary"
                  disabled={busy}
                  onClick={() => act.mutate({ action: 'submit' })}
                  data-testid="submit-article"
                >
                  提交审核
                </Button>
              )}
              {a?.mayReview && (
                <>
                  <Button
                    type="primary"
                    disabled={busy}
                    onClick={() => act.mutate({ action: 'approve' })}
                    data-testid="approve-article"
                  >
                    审核通过并发布
                  </Button>
                  <Button
                    danger
                    disabled={busy}
                    onClick={() => setReturning(true)}
                    data-testid="return-article"
                  >
                    退回修改
                  </Button>
                </>
              )}
              {a?.status === 'published' && a.mayEdit && (
                <Button danger disabled={busy} onClick={() => act.mutate({ action: 'withdraw' })}>
                  撤稿
                </Button>
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          {a && a.status !== 'published' && (
            <PrePublishCheck check={check} onRecheck={() => void check.refetch()} reviewing={a.mayReview} />
          )}
          {a && (
            <Card size="small" title="稿件信息">
              <Typography.Paragraph>
                作者：{a.authorName}
                <br />
                来源：{a.source}
                {a.reviewerName && (
                  <>
                    <br />
                    审核：{a.reviewerName}
                  </>
                )}
                {a.publishedAt && (
                  <>
                    <br />
                    发布时间：{beijingTime(a.publishedAt)}
                  </>
                )}
              </Typography.Paragraph>
              <Typography.Title level={5}>修改记录</Typography.Title>
              <Timeline
                items={a.revisions.map((r) => ({
                  content: `第 ${r.revision} 版 · ${r.username} · ${beijingTime(r.createdAt).slice(5)} · ${r.note}`,
                }))}
              />
            </Card>
          )}
        </Col>
      </Row>
      <Modal
        title="退回修改"
        open={returning}
        okText="退回"
        okButtonProps={{ danger: true, disabled: !comment.trim(), loading: act.isPending }}
        onOk={() => act.mutate({ action: 'return', comment })}
        onCancel={() => setReturning(false)}
      >
        <Input.TextArea
          rows={4}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder="请写明需要修改的地方"
          data-testid="return-comment"
        />
      </Modal>
    </Space>
  );
}

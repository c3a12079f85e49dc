import { SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Tooltip } from 'antd';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { http, ok } from '../../api/http';
import { useAuth } from '../../app/auth';

/**
 * 提交到网站: the report's 青春答卷 draft, as edited on the page, becomes a submission to the site's 《青春答卷》
 * column, where the city's reviewers approve or return it. Submitting the same organisation and period again
 * updates that piece (a new version, sent for review again); a piece already published is left to the reviewers.
 */
export function SubmitToSite({
  scope,
  markdown,
}: {
  scope: { org: string; from: string; to: string };
  markdown: string;
}) {
  const { can } = useAuth();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const submit = useMutation({
    mutationFn: () =>
      ok(
        http.POST('/api/newsroom/submissions/answer-sheet', {
          body: { ...scope, ...(markdown.trim() ? { markdown } : {}) },
        }),
      ),
    onSuccess: (a) =>
      modal.success({
        title: a.revision > 1 ? '已更新网站稿件' : '已提交到网站',
        content:
          a.revision > 1
            ? `《青春答卷》稿件「${a.title}」已按本页文稿更新为第 ${a.revision} 版，重新等待审核。`
            : `《青春答卷》稿件「${a.title}」已提交，等待审核后发布。再次提交会更新这篇稿件，不会重复。`,
        okText: '查看稿件',
        onOk: () => navigate(`/newsroom/articles/${a.id}`),
      }),
    // A refusal (a piece already published, an empty text) stays until read, not a passing toast.
    onError: (e) => modal.error({ title: '未能提交到网站', content: errorMessage(e) }),
  });
  if (!can('portal.edit')) return null;
  return (
    <Tooltip title="把本页编辑后的文稿提交到网站《青春答卷》专栏审核；同一组织和期间再次提交会更新原稿件">
      <Button
        type="primary"
        icon={<SendOutlined />}
        loading={submit.isPending}
        disabled={!scope.org || !markdown.trim()}
        onClick={() => submit.mutate()}
        data-testid="submit-article"
      >
        提交到网站
      </Button>
    </Tooltip>
  );
}

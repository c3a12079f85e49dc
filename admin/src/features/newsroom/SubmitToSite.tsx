import { SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Tooltip } from 'antd';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { useAuth } from '../../app/auth';
import type { ArticleDetail } from './newsroomApi';

/**
 * 提交到网站: the report's 青春答卷 draft becomes a submission to the site's 《青春答卷》 column, where
 * the city's reviewers approve or return it. The server drafts it afresh from the figures.
 */
export function SubmitToSite({ scope }: { scope: { org: string; from: string; to: string } }) {
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const submit = useMutation({
    mutationFn: () => api.post<ArticleDetail>('/newsroom/submissions/answer-sheet', scope),
    onSuccess: (a) =>
      modal.success({
        title: '已提交到网站',
        content: `《青春答卷》稿件「${a.title}」已提交，等待审核后发布。可在“网站稿件”中修改后再送审。`,
        okText: '查看稿件',
        onOk: () => navigate(`/newsroom/articles/${a.id}`),
      }),
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!can('portal.edit')) return null;
  return (
    <Tooltip title="把系统生成的初稿提交到网站《青春答卷》专栏审核（不含本页中的修改，可在网站稿件中继续编辑）">
      <Button
        type="primary"
        icon={<SendOutlined />}
        loading={submit.isPending}
        disabled={!scope.org}
        onClick={() => submit.mutate()}
        data-testid="submit-article"
      >
        提交到网站
      </Button>
    </Tooltip>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Space, Table, Tag } from 'antd';
import { errorMessage } from '../../api/client';
import { http, type Item, ok } from '../../api/http';
import { useAuth } from '../../app/auth';
import { applicationStatuses } from './labels';

type Application = Item<'/api/internships/posts/{id}/applications'>;

/** A post's applications: 录用 places the student within the slots, 不录用 closes the application. */
export function ApplicationsDrawer({
  post,
  onClose,
}: {
  post: { id: number; title: string };
  onClose: () => void;
}) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['services', 'applications', post.id],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/internships/posts/{id}/applications', { params: { path: { id: post.id } }, signal })),
  });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: 'accept' | 'reject' }) =>
      ok(
        http.POST('/api/internships/applications/{id}/decision', {
          params: { path: { id } },
          body: { decision },
        }),
      ),
    onSuccess: async (_, v) => {
      message.success(v.decision === 'accept' ? '已录用' : '已标记为不录用');
      await client.invalidateQueries({ queryKey: ['services'] });
    },
  });
  return (
    <Drawer
      open
      width={Math.min(720, window.innerWidth)}
      title={`报名处理 · ${post.title}`}
      onClose={onClose}
    >
      {decide.error && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(decide.error)} />
      )}
      <Table<Application>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '学生', render: (_, a) => a.student.name },
          { title: '报名日期', dataIndex: 'appliedOn' },
          { title: '自我介绍', dataIndex: 'statement', render: (v: string | null) => v ?? '—' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (v: string) => (
              <Tag color={v === 'applied' ? 'orange' : undefined}>{applicationStatuses[v] ?? v}</Tag>
            ),
          },
          {
            title: '操作',
            render: (_, a) =>
              a.status === 'applied' && can('service.write') ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    loading={decide.isPending}
                    onClick={() => decide.mutate({ id: a.id, decision: 'accept' })}
                  >
                    录用
                  </Button>
                  <Button size="small" danger onClick={() => decide.mutate({ id: a.id, decision: 'reject' })}>
                    不录用
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </Drawer>
  );
}

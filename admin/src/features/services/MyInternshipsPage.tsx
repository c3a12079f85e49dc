import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Input, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, ok } from '../../api/http';
import { applicationStatuses } from './labels';

/** A young person's own internship page (works on a phone): open posts of his county, and his applications. */
export default function MyInternshipsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [statement, setStatement] = useState('');
  const open = useQuery({
    queryKey: ['my-internships', 'open'],
    queryFn: ({ signal }) => ok(http.GET('/api/internships/open', { signal })),
  });
  const mine = useQuery({
    queryKey: ['my-internships', 'mine'],
    queryFn: ({ signal }) => ok(http.GET('/api/internships/my-applications', { signal })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['my-internships'] });
  const apply = useMutation({
    mutationFn: (postId: number) =>
      ok(
        http.POST('/api/internships/my-applications', {
          body: { postId, statement: statement.trim() || undefined },
        }),
      ),
    onSuccess: async () => {
      message.success('报名成功');
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const withdraw = useMutation({
    mutationFn: (id: number) =>
      ok(http.POST('/api/internships/my-applications/{id}/withdraw', { params: { path: { id } } })),
    onSuccess: async () => {
      message.success('已撤回');
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        实习岗位
      </Typography.Title>
      {(open.isError || mine.isError) && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(open.error ?? mine.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Card size="small" title="我的报名" style={{ marginBottom: 12 }}>
        {mine.data?.items.length ? (
          <List
            dataSource={mine.data.items}
            renderItem={(a) => (
              <List.Item
                actions={
                  a.status === 'applied'
                    ? [
                        <Button key="w" size="small" onClick={() => withdraw.mutate(a.id)}>
                          撤回
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={a.post.title}
                  description={`${a.post.employer} · ${a.post.program} · ${a.appliedOn}`}
                />
                <Tag color={a.status === 'accepted' ? 'green' : undefined}>
                  {applicationStatuses[a.status] ?? a.status}
                </Tag>
              </List.Item>
            )}
          />
        ) : (
          <Empty description="还没有报名" />
        )}
      </Card>
      <Card size="small" title="可报名的岗位">
        <Input.TextArea
          rows={2}
          maxLength={500}
          placeholder="自我介绍（可选，报名时一并提交）"
          value={statement}
          onChange={(e) => setStatement(e.target.value)}
          style={{ marginBottom: 12 }}
        />
        <List
          data-testid="open-posts"
          loading={open.isPending}
          dataSource={open.data?.items ?? []}
          locale={{ emptyText: '暂无可报名的岗位' }}
          renderItem={(p) => (
            <List.Item>
              <Flex vertical style={{ width: '100%' }} gap={4}>
                <strong>{p.title}</strong>
                <span style={{ color: '#666' }}>
                  {p.employer} · {p.program} · {p.slots} 个名额
                </span>
                <span style={{ color: '#666' }}>
                  {p.startsOn} 至 {p.endsOn ?? '待定'}（{p.org.name}）
                </span>
                <Button
                  type="primary"
                  block
                  disabled={p.applied}
                  loading={apply.isPending}
                  onClick={() => apply.mutate(p.id)}
                >
                  {p.applied ? '已报名' : '报名'}
                </Button>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}

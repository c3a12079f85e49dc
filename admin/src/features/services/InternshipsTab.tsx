import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, ok } from '../../api/http';
import { useAuth } from '../../app/auth';
import type { Scope } from '../reports/reportApi';
import { ApplicationsDrawer } from './ApplicationsDrawer';
import { internshipPrograms, placementStatuses } from './labels';
import { AddButton, named, optionsOfList, ServiceFormModal, ServiceList, text } from './serviceKit';

/** 实习: posts starting in the period with their slots and placements, and the placements themselves. */
export function InternshipsTab({ scope }: { scope: Scope }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [post, setPost] = useState<{ id: number; title: string } | null>(null);
  const [placing, setPlacing] = useState<{ id: number; title: string } | null>(null);
  const finish = useMutation({
    mutationFn: ({ id, status }: { id: number; status: 'completed' | 'incomplete' }) =>
      ok(http.PATCH('/api/internships/placements/{id}', { params: { path: { id } }, body: { status } })),
    onSuccess: async (_, v) => {
      message.success(`已标记为${placementStatuses[v.status]}`);
      await client.invalidateQueries({ queryKey: ['services'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <>
      {post && <ApplicationsDrawer post={post} onClose={() => setPost(null)} />}
      {placing && (
        // Issue 17 item 12: a student placed without an application is picked by name, not typed as 18 digits.
        <ServiceFormModal
          title={`安排学生：${placing.title}`}
          path="/internships/posts/{id}/placements"
          pathParams={{ id: placing.id }}
          success="已安排"
          onClose={() => setPlacing(null)}
          fields={[{ name: 'personId', label: '学生', kind: 'person', required: true }]}
        />
      )}
      <ServiceList
        title="实习岗位"
        testId="internship-post-table"
        path="/internships/posts"
        scope={scope}
        summary={(d) => `共 ${d.total} 个岗位，${d.slots} 个名额，已录用 ${d.placed} 人`}
        actions={
          <AddButton permission="service.write" label="发布岗位">
            {(close) => (
              <ServiceFormModal
                title="发布实习岗位"
                path="/internships/posts"
                success="已发布"
                onClose={close}
                initial={{ orgCode: scope.org, program: '大学生向基层报到' }}
                fields={[
                  { name: 'title', label: '岗位名称', required: true },
                  { name: 'employer', label: '实习单位', required: true },
                  {
                    name: 'program',
                    label: '项目',
                    kind: 'select',
                    options: optionsOfList(internshipPrograms),
                    required: true,
                  },
                  { name: 'slots', label: '名额', kind: 'number', required: true },
                  { name: 'startsOn', label: '开始日期', kind: 'date', required: true },
                  { name: 'endsOn', label: '结束日期', kind: 'date' },
                  { name: 'orgCode', label: '组织', kind: 'org', required: true },
                ]}
              />
            )}
          </AddButton>
        }
        columns={[
          { title: '岗位', dataIndex: 'title' },
          { title: '单位', dataIndex: 'employer' },
          { title: '项目', dataIndex: 'program' },
          { title: '名额', dataIndex: 'slots' },
          { title: '已安排', dataIndex: 'placements' },
          { title: '待处理报名', dataIndex: 'pendingApplications' },
          {
            title: '报名',
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => setPost({ id: r.id, title: String(r.title) })}>
                  报名处理
                </Button>
                {can('service.write') && (
                  <Button
                    size="small"
                    onClick={() => setPlacing({ id: r.id, title: String(r.title) })}
                    data-testid="place-student"
                  >
                    安排学生
                  </Button>
                )}
              </Space>
            ),
          },
          { title: '开始', dataIndex: 'startsOn' },
          { title: '结束', dataIndex: 'endsOn', render: text },
        ]}
      />
      <ServiceList
        title="实习安排"
        testId="placement-table"
        path="/internships/placements"
        scope={scope}
        exportPath="/internships/placements/export"
        exportName="实习安排.xlsx"
        summary={(d) => `共 ${d.total} 人，已录用或完成 ${d.placed} 人，已完成 ${d.completed} 人`}
        columns={[
          { title: '学生', dataIndex: 'student', render: named },
          { title: '岗位', dataIndex: 'post', render: (p) => (p as { title: string }).title },
          { title: '项目', dataIndex: 'post', render: (p) => (p as { program: string }).program },
          { title: '状态', dataIndex: 'status', render: (v: string) => placementStatuses[v] ?? v },
          {
            title: '操作',
            render: (_, r) =>
              r.status === 'hired' && can('service.write') ? (
                <Space>
                  <Button size="small" onClick={() => finish.mutate({ id: r.id, status: 'completed' })}>
                    完成
                  </Button>
                  <Button size="small" onClick={() => finish.mutate({ id: r.id, status: 'incomplete' })}>
                    未完成
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </>
  );
}

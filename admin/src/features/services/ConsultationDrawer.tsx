import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Input, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, ok, type RequestBody } from '../../api/http';
import { today } from '../../app/dates';
import { riskLevels } from './labels';

/**
 * One consultation. The server sends its notes only to its counsellor and the supervisor (and audits it); for
 * everyone else the drawer says that notes exist and who may read them.
 */
export function ConsultationDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: ['consultation', id],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/counselling/consultations/{id}', { params: { path: { id } }, signal })),
    // Each reading of the notes is audited: read once per opening, not again on focus or reconnect.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const [notes, setNotes] = useState('');
  useEffect(() => setNotes(q.data?.notes ?? ''), [q.data]);
  const putNotes = useMutation({
    mutationFn: () =>
      ok(
        http.PUT('/api/counselling/consultations/{id}/notes', { params: { path: { id } }, body: { notes } }),
      ),
    onSuccess: () => message.success('咨询记录已加密保存'),
    onError: (e) => message.error(errorMessage(e)),
  });
  const followUp = useMutation({
    mutationFn: (body: RequestBody<'/api/counselling/consultations/{id}/follow-up'>) =>
      ok(http.POST('/api/counselling/consultations/{id}/follow-up', { params: { path: { id } }, body })),
    onSuccess: async () => {
      message.success('已记录');
      await queryClient.invalidateQueries({ queryKey: ['consultation', id] });
      await queryClient.invalidateQueries({ queryKey: ['services'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const d = q.data;
  return (
    <Drawer open onClose={onClose} title={d ? `个案咨询 ${d.code}` : '个案咨询'} size="large">
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {d && (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="咨询日期">{d.heldOn}</Descriptions.Item>
            <Descriptions.Item label="来访者编号">{d.clientRef}</Descriptions.Item>
            <Descriptions.Item label="咨询方式">{d.channel}</Descriptions.Item>
            <Descriptions.Item label="风险等级">
              {d.risk ? <Tag color={d.risk === 'high' ? 'red' : undefined}>{riskLevels[d.risk]}</Tag> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="咨询师">{d.counsellor.name}</Descriptions.Item>
            <Descriptions.Item label="组织">{d.org.name}</Descriptions.Item>
            <Descriptions.Item label="随访">{d.followedUpOn ?? '未随访'}</Descriptions.Item>
            <Descriptions.Item label="转介12355">{d.referredOn ?? '未转介'}</Descriptions.Item>
          </Descriptions>
          {d.risk === 'high' && (
            <Space wrap style={{ marginBottom: 16 }}>
              <Button onClick={() => followUp.mutate({ followedUpOn: today() })}>记录今日随访</Button>
              <Button danger onClick={() => followUp.mutate({ referredOn: today() })}>
                记录今日转介 12355
              </Button>
            </Space>
          )}
          {d.notesReadable ? (
            <>
              <Alert
                type="warning"
                showIcon
                title="咨询记录仅咨询师本人和心理督导可见，每次查看均留痕。"
                style={{ marginBottom: 8 }}
              />
              <Input.TextArea
                rows={8}
                value={notes}
                onChange={(e) => setNotes(e.target.value)}
                data-testid="consultation-notes"
              />
              <Button
                type="primary"
                style={{ marginTop: 8 }}
                loading={putNotes.isPending}
                onClick={() => putNotes.mutate()}
              >
                保存咨询记录
              </Button>
            </>
          ) : (
            <Alert
              type="info"
              showIcon
              data-testid="notes-hidden"
              title={
                d.hasNotes ? '本次咨询有咨询记录，仅咨询师本人和心理督导可查看。' : '本次咨询没有咨询记录。'
              }
            />
          )}
        </>
      )}
    </Drawer>
  );
}

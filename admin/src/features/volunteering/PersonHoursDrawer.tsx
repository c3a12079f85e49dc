import { formatHours } from '@shared/hours';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Input,
  InputNumber,
  List,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, ok } from '../../api/http';
import { useAuth } from '../../app/auth';
import { beijingTime } from '../../app/dates';
import { SOURCE_LABELS } from './volunteeringKit';

function Revisions({ recordId }: { recordId: number }) {
  const q = useQuery({
    queryKey: ['volunteer-revisions', recordId],
    queryFn: ({ signal }) =>
      ok(
        http.GET('/api/volunteering/records/{id}/revisions', { params: { path: { id: recordId } }, signal }),
      ),
  });
  return (
    <List
      size="small"
      dataSource={q.data?.items ?? []}
      renderItem={(r) => (
        <List.Item>
          第{r.revision}版 · {formatHours(r.hours)} 小时 · {SOURCE_LABELS[r.source] ?? r.source} ·{' '}
          {beijingTime(r.at)}
          {r.reason ? ` · ${r.reason}` : ''}
        </List.Item>
      )}
    />
  );
}

/** A person's counted hours with the evidence of each, its versions, and the organiser's correction. */
export function PersonHoursDrawer({
  personId,
  period,
  onClose,
}: {
  personId: number | null;
  period: { from: string; to: string };
  onClose: () => void;
}) {
  const { may } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<number | null>(null);
  const [correction, setCorrection] = useState<{ hours: number | null; reason: string }>({
    hours: null,
    reason: '',
  });
  const q = useQuery({
    queryKey: ['volunteer-person-hours', personId, period],
    queryFn: ({ signal }) =>
      ok(
        http.GET('/api/volunteering/people/{id}/hours', {
          params: { path: { id: personId! }, query: period },
          signal,
        }),
      ),
    enabled: personId != null,
  });
  const correct = useMutation({
    mutationFn: (recordId: number) =>
      ok(
        http.POST('/api/volunteering/records/{id}/corrections', {
          params: { path: { id: recordId } },
          // The button is enabled once an hours figure is typed.
          body: { hours: correction.hours as number, reason: correction.reason },
        }),
      ),
    onSuccess: async () => {
      message.success('已更正，原记录保留为历史版本');
      setCorrection({ hours: null, reason: '' });
      await queryClient.invalidateQueries({ queryKey: ['volunteer-person-hours'] });
      await queryClient.invalidateQueries({ queryKey: ['volunteer-revisions'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Drawer
      open={personId != null}
      onClose={onClose}
      size="large"
      title={q.data ? `${q.data.name}：${formatHours(q.data.totalHours)} 小时` : '服务时长'}
    >
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <List
        dataSource={q.data?.records ?? []}
        renderItem={(r) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Typography.Text strong>
                {r.startDate} {r.activityTitle}
              </Typography.Text>{' '}
              <Tag>{SOURCE_LABELS[r.source] ?? r.source}</Tag>
              <Tag color="blue">{formatHours(r.hours)} 小时</Tag>
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 8 }}>
                <Descriptions.Item label="签到">{beijingTime(r.checkedInAt)}</Descriptions.Item>
                <Descriptions.Item label="签退">{beijingTime(r.checkedOutAt)}</Descriptions.Item>
                <Descriptions.Item label="录入">
                  {r.enteredBy ??
                    (r.source === 'checkin' ? '本人扫码' : r.source === 'import' ? '导入' : '—')}{' '}
                  {beijingTime(r.enteredAt)}
                </Descriptions.Item>
                <Descriptions.Item label="确认">
                  {r.confirmedBy ?? (r.source === 'import' ? '随导入确认' : '—')} {beijingTime(r.confirmedAt)}
                </Descriptions.Item>
                <Descriptions.Item label="原因">{r.reason ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="版本">第{r.revision}版</Descriptions.Item>
              </Descriptions>
              <Flex gap={8} wrap>
                <Button size="small" onClick={() => setOpen(open === r.recordId ? null : r.recordId)}>
                  历史版本
                </Button>
                {may('post', '/api/volunteering/records/{id}/corrections') && open === r.recordId && (
                  <>
                    <InputNumber
                      size="small"
                      min={0.01}
                      step={0.5}
                      placeholder="更正为（小时）"
                      value={correction.hours}
                      onChange={(v) => setCorrection((c) => ({ ...c, hours: v }))}
                    />
                    <Input
                      size="small"
                      placeholder="更正原因（必填）"
                      style={{ width: 180 }}
                      value={correction.reason}
                      onChange={(e) => setCorrection((c) => ({ ...c, reason: e.target.value }))}
                    />
                    <Button
                      size="small"
                      type="primary"
                      loading={correct.isPending}
                      onClick={() => correct.mutate(r.recordId)}
                    >
                      更正
                    </Button>
                  </>
                )}
              </Flex>
              {open === r.recordId && <Revisions recordId={r.recordId} />}
            </div>
          </List.Item>
        )}
      />
    </Drawer>
  );
}

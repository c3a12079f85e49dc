import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button } from 'antd';
import { useState } from 'react';
import { api, download, errorMessage, type QueryValue } from '../../api/client';

/** DOMAIN.md labels, as the server's membership.labels.ts. */
export const transferReasonLabels: Record<string, string> = {
  study: '升学',
  work: '就业',
  relocation: '迁居',
  other: '其他',
};
export const transferStatusLabels: Record<string, string> = {
  pending_release: '待转出组织同意',
  pending_acceptance: '待转入组织接收',
  accepted: '已接收',
  declined: '已退回',
  cancelled: '已撤回',
};
export const transferStatusColors: Record<string, string> = {
  pending_release: 'orange',
  pending_acceptance: 'blue',
  accepted: 'green',
  declined: 'red',
  cancelled: 'default',
};
export const initiatorLabels: Record<string, string> = {
  sender: '转出组织',
  receiver: '转入组织',
  member: '团员本人',
};
export const gradeLabels: Record<string, string> = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
};
export const duesCategoryLabels: Record<string, string> = {
  student: '学生',
  unemployed: '无业',
  farmer: '农民',
  salaried: '工薪',
};
export const meetingKindLabels: Record<string, string> = {
  general_meeting: '支部大会',
  committee_meeting: '支委会',
  group_meeting: '团小组会',
  league_class: '团课',
  theme_day: '主题团日',
};
export const departureReasonLabels: Record<string, string> = {
  age: '超龄离团',
  lapsed: '自行脱团',
  other: '其他',
};
export const lapseStatusLabels: Record<string, string> = {
  voted: '待上级批准',
  approved: '已批准',
  rejected: '未批准',
};

export const yuanOf = (fen: number | null | undefined) =>
  fen == null ? '未核定' : `${(fen / 100).toFixed(2)} 元`;
export const todayString = () => {
  const d = new Date(Date.now() + 8 * 3600_000);
  return d.toISOString().slice(0, 10);
};

export interface OrgRef {
  code: string | null;
  name: string;
}

/** GET under /membership, keyed so that every write can refresh the module's lists at once. */
export function useMembership<T>(path: string, query: Record<string, QueryValue> = {}, enabled = true) {
  return useQuery({
    queryKey: ['membership', path, query],
    queryFn: ({ signal }) => api.get<T>(`/membership${path}`, query, signal),
    enabled,
  });
}

/**
 * A write under /membership: shows the server's Chinese message on failure, refreshes lists on success.
 * Inside a form pass `{ inline: true }` and show `<WriteError>` by the form: the refusal stays in view
 * until the next try (issue 17, item 6: a toast vanished before it was read).
 */
export function useMembershipWrite<I, O = unknown>(
  run: (input: I) => Promise<O>,
  success: string | ((out: O) => string),
  after?: (out: O) => void,
  options: { inline?: boolean } = {},
) {
  const { message } = App.useApp();
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (out) => {
      message.success(typeof success === 'string' ? success : success(out));
      await client.invalidateQueries({ queryKey: ['membership'] });
      await client.invalidateQueries({ queryKey: ['people'] });
      after?.(out);
    },
    onError: (e) => {
      if (!options.inline) message.error(errorMessage(e));
    },
  });
}

/** The last refusal of a write, kept beside its form. */
export function WriteError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      message="未能提交"
      description={errorMessage(error)}
      style={{ marginBottom: 12 }}
      data-testid="write-error"
    />
  );
}

export function ExportButton({
  path,
  query,
  name,
}: {
  path: string;
  query: Record<string, QueryValue>;
  name: string;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          message.success(`已导出：${await download(`/membership${path}`, query, name)}`);
        } catch (e) {
          message.error(errorMessage(e));
        } finally {
          setBusy(false);
        }
      }}
    >
      导出
    </Button>
  );
}

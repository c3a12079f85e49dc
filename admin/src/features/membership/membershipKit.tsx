import { DownloadOutlined } from '@ant-design/icons';
import {
  DEPARTURE_REASONS,
  DUES_CATEGORIES,
  GRADES,
  LAPSE_STATUSES,
  MEETING_KINDS,
  TRANSFER_INITIATORS,
  TRANSFER_REASONS,
  TRANSFER_STATUSES,
} from '@shared/labels';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button } from 'antd';
import { useState } from 'react';
import { api, download, errorMessage, type QueryValue } from '../../api/client';
import type { LabelMap } from '../../app/labels';

/** DOMAIN.md labels, from src/shared/labels.ts (the server's own). */
export const transferReasonLabels: LabelMap = TRANSFER_REASONS;
export const transferStatusLabels: LabelMap = TRANSFER_STATUSES;
export const transferStatusColors: Record<string, string> = {
  pending_release: 'orange',
  pending_acceptance: 'blue',
  accepted: 'green',
  declined: 'red',
  cancelled: 'default',
};
export const initiatorLabels: LabelMap = TRANSFER_INITIATORS;
export const gradeLabels: LabelMap = GRADES;
export const duesCategoryLabels: LabelMap = DUES_CATEGORIES;
export const meetingKindLabels: LabelMap = MEETING_KINDS;
export const departureReasonLabels: LabelMap = DEPARTURE_REASONS;
export const lapseStatusLabels: LabelMap = LAPSE_STATUSES;

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

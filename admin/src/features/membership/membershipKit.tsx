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
import { errorMessage, type QueryValue } from '../../api/client';
import { type Answer, http, ok, type paths, saveFile } from '../../api/http';
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

/** The GET routes under /api/membership, named without that prefix (`/coverage`, `/people/{id}/life`). */
type MembershipGet = {
  [P in keyof paths]: P extends `/api/membership${infer R}`
    ? paths[P] extends { get: unknown }
      ? R
      : never
    : never;
}[keyof paths];
type Params<R extends MembershipGet> = paths[`/api/membership${R}`] extends {
  get: { parameters: infer X };
}
  ? { query?: X extends { query?: infer Q } ? Q : never; path?: X extends { path?: infer A } ? A : never }
  : never;
/** The client called with a path chosen by the caller (one of the GET routes above, checked there). */
type LooseGet = (
  path: string,
  init: { params: object; signal?: AbortSignal; parseAs?: 'blob' | 'stream' },
) => Promise<{ data?: unknown; response: Response }>;

/**
 * GET under /api/membership (the route's own query and path parameters, its own answer), keyed so that every
 * write can refresh the module's lists at once.
 */
export function useMembership<R extends MembershipGet>(path: R, params: Params<R>, enabled = true) {
  return useQuery({
    queryKey: ['membership', path, params],
    queryFn: ({ signal }) =>
      ok((http.GET as LooseGet)(`/api/membership${path}`, { params, signal })) as Promise<
        Answer<`/api/membership${R}`>
      >,
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

/** A spreadsheet export under /api/membership (`/coverage/export`), saved under the name the server gives it. */
export function ExportButton<R extends MembershipGet>({
  path,
  params,
  query,
  name,
}: {
  path: R;
  /** The route's path parameters (`{ id }` of `/campaigns/{id}/progress/export`). */
  params?: Params<R>['path'];
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
          const call = () =>
            (http.GET as LooseGet)(`/api/membership${path}`, {
              params: { query, path: params },
              parseAs: 'stream',
            }) as Promise<{ data?: unknown; response: Response }>;
          message.success(`已导出：${await saveFile(call, name)}`);
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

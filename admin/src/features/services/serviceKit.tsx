import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { errorMessage, type QueryValue } from '../../api/client';
import { type Answer, http, ok, type paths, saveFile } from '../../api/http';
import { useAuth } from '../../app/auth';
import { FormModal } from '../../app/FormModal';
import { fromDay } from '../../app/forms';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { PersonPicker, type PickedPerson, personNamed } from '../people/PersonPicker';
import { RegionSelect } from '../regions/RegionSelect';
import type { Scope } from '../reports/reportApi';

/** A row of a service list as the API returns it. */
export type Row = Record<string, unknown> & { id: number };

export const yuan = (v: unknown) =>
  typeof v === 'number'
    ? v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : '—';
export const named = (v: unknown) => (v && typeof v === 'object' && 'name' in v ? String(v.name) : '—');
export const text = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** The routes that take a method, named without `/api` (`/funds`, `/aid/balances`): the paths this kit is given. */
type RouteOf<M extends 'get' | 'post'> = {
  [P in keyof paths]: P extends `/api${infer R}` ? (paths[P] extends Record<M, unknown> ? R : never) : never;
}[keyof paths];
type GetRoute = RouteOf<'get'>;
type PostRoute = RouteOf<'post'>;
/** The client called with a route chosen by the caller (one of those above, checked there). */
type LooseCall = (
  path: string,
  init: { params?: object; body?: unknown; signal?: AbortSignal; parseAs?: 'blob' | 'stream' },
) => Promise<{ data?: unknown; response: Response }>;
const get = http.GET as LooseCall;

/**
 * GET a service endpoint for the scope (org, from, to) and any extra filters; the answer is the route's own
 * (a type argument is left only to the tabs not yet read from the schema).
 */
export function useServiceQuery<T = never, R extends GetRoute = GetRoute>(
  path: R,
  scope: Scope,
  extra: Record<string, QueryValue> = {},
) {
  return useQuery({
    queryKey: ['services', path, scope, extra],
    queryFn: ({ signal }) =>
      ok(get(`/api${path}`, { params: { query: { ...scope, ...extra } }, signal })) as Promise<
        [T] extends [never] ? Answer<Extract<`/api${R}`, keyof paths>> : T
      >,
  });
}

interface ListProps {
  title: string;
  path: GetRoute;
  scope: Scope;
  extra?: Record<string, QueryValue>;
  columns: TableColumnsType<Row>;
  /** The summary line above the table, from the whole answer. */
  summary?: (data: Record<string, unknown>) => ReactNode;
  exportPath?: GetRoute;
  exportName?: string;
  actions?: ReactNode;
  testId?: string;
  onRow?: (row: Row) => void;
}

/** A list with its summary line, an export button and the page's actions. */
export function ServiceList({
  title,
  path,
  scope,
  extra,
  columns,
  summary,
  exportPath,
  exportName,
  actions,
  testId,
  onRow,
}: ListProps) {
  const { message } = App.useApp();
  // The list's rows are read by the columns each tab declares (Row: any route's items).
  const q = useServiceQuery<{ items: Row[] } & Record<string, unknown>>(path, scope, extra);
  return (
    <div style={{ marginBottom: 24 }}>
      <Space wrap style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
        <strong>{title}</strong>
        <Space wrap>
          {actions}
          {exportPath && (
            <Button
              onClick={() =>
                saveFile(
                  () =>
                    get(`/api${exportPath}`, {
                      params: { query: { ...scope, ...extra } },
                      parseAs: 'stream',
                    }) as Promise<{ data?: unknown; response: Response }>,
                  exportName ?? 'download.xlsx',
                ).catch((e) => message.error(errorMessage(e)))
              }
            >
              导出 Excel
            </Button>
          )}
        </Space>
      </Space>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} style={{ marginBottom: 8 }} />}
      {q.data && summary && <div style={{ marginBottom: 8, color: '#555' }}>{summary(q.data)}</div>}
      <Table<Row>
        data-testid={testId}
        size="small"
        rowKey={(r) => String(r.id ?? JSON.stringify(r))}
        loading={q.isPending}
        columns={columns}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        onRow={onRow ? (r) => ({ onClick: () => onRow(r), style: { cursor: 'pointer' } }) : undefined}
      />
    </div>
  );
}

export interface FieldSpec {
  name: string;
  label: string;
  /** `person`: the shared person picker (search by name or number, masked numbers shown); the value is his id. */
  kind?: 'text' | 'textarea' | 'number' | 'money' | 'date' | 'select' | 'org' | 'region' | 'person';
  options?: { value: string; label: string }[];
  required?: boolean;
  placeholder?: string;
}

interface FormProps {
  title: string;
  path: PostRoute;
  /** The values of the path's {placeholders} (`/internships/posts/{id}/placements`). */
  pathParams?: Record<string, number | string>;
  fields: FieldSpec[];
  initial?: Record<string, unknown>;
  onClose: () => void;
  success: string;
}

/** A modal form whose fields map one to one onto the endpoint's body; refusals land on the fields they name. */
export function ServiceFormModal({ title, path, pathParams, fields, initial, onClose, success }: FormProps) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const send = (values: Record<string, unknown>) => {
    const body: Record<string, unknown> = {};
    for (const f of fields) {
      const v = values[f.name];
      if (v === undefined || v === null || v === '') continue;
      // A lookup-only caller's picker holds the lookup's reference, sent as personRef (PersonPicker).
      if (f.kind === 'person' && f.name === 'personId') Object.assign(body, personNamed(v as PickedPerson));
      else
        body[f.name] = f.kind === 'date' ? fromDay(v as dayjs.Dayjs) : typeof v === 'string' ? v.trim() : v;
    }
    // The fields map one to one onto the route's body (FieldSpec names); the server checks it.
    return ok(
      (http.POST as LooseCall)(`/api${path}`, {
        body,
        ...(pathParams ? { params: { path: pathParams } } : {}),
      }),
    );
  };
  // The picker's value goes out as personRef for a lookup-only caller: a refused reference (stale, or not his)
  // is shown on the picker, where he finds the person again.
  const aliases = fields.some((f) => f.kind === 'person' && f.name === 'personId')
    ? { personRef: 'personId' }
    : undefined;
  return (
    <FormModal
      title={title}
      okText="保存"
      initialValues={initial}
      aliases={aliases}
      save={send}
      onSaved={async () => {
        message.success(success);
        await queryClient.invalidateQueries({ queryKey: ['services'] });
      }}
      onClose={onClose}
    >
      {fields.map((f) => (
        <Form.Item
          key={f.name}
          name={f.name}
          label={f.label}
          rules={
            f.required
              ? [{ required: true, message: `${f.kind === 'person' ? '请选择' : '请填写'}${f.label}` }]
              : undefined
          }
        >
          {f.kind === 'textarea' ? (
            <Input.TextArea rows={4} placeholder={f.placeholder} />
          ) : f.kind === 'number' ? (
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          ) : f.kind === 'money' ? (
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} addonAfter="元" />
          ) : f.kind === 'date' ? (
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs().add(5, 'year'))} />
          ) : f.kind === 'select' ? (
            <Select options={f.options} allowClear placeholder={f.placeholder ?? '请选择'} />
          ) : f.kind === 'org' ? (
            <OrgTreeSelect placeholder="请选择组织" />
          ) : f.kind === 'person' ? (
            <PersonPicker data-testid={`field-${f.name}`} />
          ) : f.kind === 'region' ? (
            <RegionSelect placeholder="请选择乡镇或村（社区）" />
          ) : (
            <Input placeholder={f.placeholder} />
          )}
        </Form.Item>
      ))}
    </FormModal>
  );
}

/** A button that opens a form, shown only to holders of the permission. */
export function AddButton({
  permission,
  label,
  children,
}: {
  permission: string;
  label: string;
  children: (close: () => void) => ReactNode;
}) {
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  if (!can(permission)) return null;
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && children(() => setOpen(false))}
    </>
  );
}

export const optionsOfList = (list: readonly string[]) => list.map((v) => ({ value: v, label: v }));
export const optionsOfMap = (map: Record<string, string>) =>
  Object.entries(map).map(([value, label]) => ({ value, label }));

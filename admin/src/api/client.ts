/**
 * Session plumbing and the error every request throws (see http.ts for the typed client); the untyped
 * `api`/`request` helpers below remain only for files not yet moved onto http.ts.
 */
import type { components } from './schema';

/** The one error body the server sends (server/error-handler.ts, components.schemas.ErrorBody). */
export type ApiErrorBody = components['schemas']['ErrorBody'];
type ErrorDetails = ApiErrorBody['error']['details'];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetails;

  constructor(status: number, code: string, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated request answers 401 (the session has ended). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Tells the app the session has ended (a 401 on an authenticated request). */
export function notifyUnauthorized(): void {
  unauthorizedHandler?.();
}

export function currentCsrfToken(): string | null {
  return csrfToken ?? readCookie('tuanwu_csrf');
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `/api/...?a=1&b=2`, leaving out empty values. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const url = path.startsWith('/api') ? path : `/api${path.startsWith('/') ? '' : '/'}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

const statusMessages: Record<number, string> = {
  400: '请求有误',
  401: '登录已失效，请重新登录',
  403: '没有权限执行此操作',
  404: '未找到相应的记录',
  413: '文件过大',
  422: '提交的数据未通过校验',
  429: '操作过于频繁，请稍后再试',
};

/** The ApiError of a refused answer; a body that is not the server's (a proxy's page) falls back on the status. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: ApiErrorBody | null = null;
  try {
    const text = await res.clone().text();
    body = text ? (JSON.parse(text) as ApiErrorBody) : null;
  } catch {
    body = null;
  }
  const err = body?.error;
  const fallback =
    statusMessages[res.status] ??
    (res.status >= 500 ? '服务器出错，请稍后再试' : `请求失败（${res.status}）`);
  return new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message || fallback, err?.details);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Do not treat a 401 as "session ended" (login, the initial /auth/me). */
  allowAnonymous?: boolean;
  signal?: AbortSignal;
}

async function send(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET') {
    const token = currentCsrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络');
  }
  if (!res.ok) {
    const error = await errorFromResponse(res);
    if (res.status === 401 && !opts.allowAnonymous) unauthorizedHandler?.();
    throw error;
  }
  return res;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A GET whose answer is text (e.g. Markdown), not JSON. */
export async function requestText(
  path: string,
  query?: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<string> {
  const res = await send(path, { query, signal });
  return res.text();
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Record<string, QueryValue>) =>
    request<T>(path, { method: 'POST', body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  del: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
  upload: <T>(path: string, form: FormData, query?: Record<string, QueryValue>) =>
    request<T>(path, { method: 'POST', body: form, query }),
};

export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  if (plain?.[1]) {
    try {
      return decodeURIComponent(plain[1]);
    } catch {
      return plain[1];
    }
  }
  return fallback;
}

/** Downloads a file from a GET endpoint (keeps the error message if the server refuses). */
export async function download(
  path: string,
  query?: Record<string, QueryValue>,
  fallbackName = 'download.xlsx',
): Promise<string> {
  const res = await send(path, { query });
  const name = fileNameFrom(res.headers.get('content-disposition'), fallbackName);
  saveBlob(await res.blob(), name);
  return name;
}

/** Hands a file made in the browser to the user as a download. */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}

/** A readable message for anything thrown by a request. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return '操作失败';
}

export interface FieldProblem {
  field: string | null;
  message: string;
}

/**
 * The field-level problems of a refusal: the server's one shape, `details.problems` (a refused form) or
 * `details.errors` (a refused import), each `{row, column, value, reason}`.
 */
export function fieldProblems(details: ErrorDetails): FieldProblem[] {
  return [...(details?.problems ?? []), ...(details?.errors ?? [])].map((p) => ({
    field: p.column || null,
    message: p.reason,
  }));
}

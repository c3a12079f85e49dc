/**
 * Session plumbing and the error every request throws. Every call goes through the typed client (http.ts): the
 * untyped `api`/`request` helpers are gone (issue 16 item 1), so a path or a shape the server does not declare
 * fails to compile. Files come the same way, through `saveFile` (http.ts): the untyped `download` is gone too.
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

/**
 * The admin's typed API client (issue 16, item 1): openapi-fetch over the types generated from the server's
 * OpenAPI document (schema.d.ts, `npm run api:generate`). Paths, parameters, bodies and answers are checked
 * by the compiler against the server's TypeBox schemas; nothing here restates a shape.
 *
 *   const people = await ok(http.GET('/api/people', { params: { query: { org } }, signal }));
 *
 * A refused request throws ApiError built from the server's one error body (components.schemas.ErrorBody);
 * a 401 outside the login and the session check means the session ended (onUnauthorized).
 */
import createClient, { type Middleware } from 'openapi-fetch';
import {
  ApiError,
  currentCsrfToken,
  errorFromResponse,
  fileNameFrom,
  notifyUnauthorized,
  type QueryValue,
  saveBlob,
} from './client';
import { readBody, trackDownload } from './downloads';
import type { components, paths } from './schema';

export type { components, paths };

/** Where a 401 is an answer (wrong password, not signed in yet), not the end of a session. */
const ANSWERS_401 = new Set(['/api/auth/login', '/api/auth/me']);

const contract: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept', 'application/json');
    if (request.method !== 'GET') {
      const token = currentCsrfToken();
      if (token) request.headers.set('x-csrf-token', token);
    }
    return request;
  },
  async onResponse({ response, schemaPath }) {
    if (response.ok) return response;
    const error = await errorFromResponse(response);
    if (response.status === 401 && !ANSWERS_401.has(schemaPath)) notifyUnauthorized();
    throw error;
  },
  onError({ error }) {
    if (error instanceof ApiError) return error;
    if (error instanceof DOMException && error.name === 'AbortError') return error;
    return new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络');
  },
};

/** Leaves out empty values (`''`, null), as forms and filters hand them over: the server reads "not given". */
function querySerializer(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === undefined || v === null || v === '') continue;
      params.append(key, String(v as QueryValue));
    }
  }
  return params.toString();
}

/**
 * What `saveFile` learns of the call it makes: openapi-fetch builds the request and hands it to the first
 * middleware's `onRequest` synchronously, inside the call, before anything is sent. `saveFile` opens a slot for
 * the length of that call; `fileRequest` writes the request's method and URL into it and holds the request until
 * `saveFile` says whether to send it (a new download) or not (the same one is already running).
 */
interface FileRequestSlot {
  key: string | null;
  send: Promise<Response | undefined>;
}
let fileRequestSlot: FileRequestSlot | null = null;

const fileRequest: Middleware = {
  onRequest({ request }) {
    const slot = fileRequestSlot;
    if (!slot) return undefined;
    fileRequestSlot = null;
    slot.key = `${request.method} ${request.url}`;
    return slot.send;
  },
};

export const http = createClient<paths>({ baseUrl: '', credentials: 'same-origin', querySerializer });
// First, so that its onRequest runs inside the call, before any middleware awaits.
http.use(fileRequest, contract);

/** The answer of a call; refusals were already thrown as ApiError by the client. */
export async function ok<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data } = await call;
  return data as T;
}

/** What openapi-fetch answers for a file: the body still to read (`parseAs: 'stream'`) or a Blob (`'blob'`). */
type FileAnswer = { data?: unknown; response: Response };

/** Answered instead of sending a request that joins a running download; nobody reads it. */
const NOT_SENT = () => new Response(null, { status: 204 });

/**
 * A file answer handed to the user under the name the server gives it; answers that name. Tracked
 * (downloads.ts) under the request's method and URL: after a second the layout shows it being prepared, and a
 * second click on the same request while it runs joins it and sends nothing, while another export that happens
 * to share the file's name (人员名单.xlsx of another organisation) is a download of its own.
 *
 * It takes the call to make (`() => http.GET(…, { parseAs: 'stream' })`), never a request already made: the
 * request must still be unsent when its key is known. The call must reach `http` at once (no await before it);
 * anything else is refused. With `parseAs: 'stream'` the body is read here, so the indicator shows a real
 * percentage.
 */
export function saveFile(call: () => Promise<FileAnswer>, fallbackName: string): Promise<string> {
  let decide!: (answer: Response | undefined) => void;
  const slot: FileRequestSlot = { key: null, send: new Promise((resolve) => (decide = resolve)) };
  fileRequestSlot = slot;
  let answer: Promise<FileAnswer>;
  try {
    answer = call();
  } finally {
    fileRequestSlot = null;
  }
  const key = slot.key;
  if (key === null) {
    answer.catch(() => undefined);
    return Promise.reject(new Error('saveFile: the call must go through http (openapi-fetch) at once'));
  }
  let joined = true;
  const saved = trackDownload(key, fallbackName, async (progress) => {
    joined = false;
    decide(undefined);
    const { data, response } = await answer;
    const name = fileNameFrom(response.headers.get('content-disposition'), fallbackName);
    saveBlob(data instanceof Blob ? data : await readBody(response, progress), name);
    return name;
  });
  if (joined) {
    decide(NOT_SENT());
    answer.catch(() => undefined);
  }
  return saved;
}

/** The paths the server answers a GET on. */
type GetPath = { [P in keyof paths]: paths[P] extends { get: unknown } ? P : never }[keyof paths];
type PathParams<P extends GetPath> = paths[P] extends { get: { parameters: { path: infer A } } } ? A : never;

/**
 * The address of a GET the browser opens by itself (a printable page in a new tab, `href`), checked against the
 * contract as a call through `http` is: a route the server no longer declares fails to compile.
 */
export function hrefOf<P extends GetPath>(path: P, params: PathParams<P>): string {
  const values = params as Record<string, string | number>;
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Operation<P extends keyof paths, M extends Method> = paths[P] extends Record<M, infer O> ? O : never;

/** The success answer (200/201) of an operation, as the server's schema declares it. */
export type Answer<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer R } ? Json<R[200 & keyof R]> | Json<R[201 & keyof R]> : never;

/** The JSON body an operation takes. */
export type RequestBody<P extends keyof paths, M extends Method = 'post'> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters an operation takes. */
export type Query<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One row of a list answer (`{items: T[]}` or `T[]`). */
export type Item<P extends keyof paths, M extends Method = 'get'> =
  Answer<P, M> extends { items: (infer T)[] } ? T : Answer<P, M> extends (infer T)[] ? T : never;

export type Problem = components['schemas']['ErrorBody']['error'] extends {
  details?: { problems?: (infer P)[] };
}
  ? P
  : never;

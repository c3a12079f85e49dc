/**
 * Downloads in flight (issue 15, "progress on long work": exports and the docx article "likewise when they take
 * more than a second"). Every file the admin fetches goes through `trackDownload` — `saveFile` (http.ts) calls it
 * — so one piece gives every download button the same behaviour:
 *
 * - a second click on the same download while it runs starts nothing: it joins the one running;
 * - after one second the indicator (DownloadIndicator, mounted once in the layout) shows what is being prepared:
 *   "正在生成…" while the server builds the file (it sends no progress of its own: an export is built whole, then
 *   sent), then the bytes received against Content-Length while it arrives — a real figure, never an invented one.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';

export interface DownloadState {
  key: string;
  /** The file's name as the user will see it. */
  label: string;
  startedAt: number;
  /** preparing: waiting for the server's first byte; receiving: the body is arriving. */
  phase: 'preparing' | 'receiving';
  received: number;
  /** Content-Length when the server sent one. */
  total: number | null;
}

/** How long a download runs before it is shown: the "more than a second". */
export const SHOW_AFTER_MS = 1_000;

const running = new Map<string, { state: DownloadState; promise: Promise<unknown> }>();
const listeners = new Set<() => void>();
let snapshot: DownloadState[] = [];

function changed(): void {
  snapshot = [...running.values()].map((r) => r.state);
  for (const listener of listeners) listener();
}

function update(key: string, patch: Partial<DownloadState>): void {
  const entry = running.get(key);
  if (!entry) return;
  entry.state = { ...entry.state, ...patch };
  changed();
}

/** What `run` is told as the file arrives. */
export interface DownloadProgress {
  receiving(total: number | null): void;
  received(bytes: number): void;
}

/**
 * Runs one download under `key` (the request: method and URL); while it runs, the same key
 * gets the same promise back instead of a second request.
 */
export function trackDownload<T>(
  key: string,
  label: string,
  run: (progress: DownloadProgress) => Promise<T>,
): Promise<T> {
  const existing = running.get(key);
  if (existing) return existing.promise as Promise<T>;
  const progress: DownloadProgress = {
    receiving: (total) => update(key, { phase: 'receiving', total }),
    received: (bytes) => update(key, { received: bytes }),
  };
  const promise = run(progress).finally(() => {
    running.delete(key);
    changed();
  });
  running.set(key, {
    state: { key, label, startedAt: Date.now(), phase: 'preparing', received: 0, total: null },
    promise,
  });
  changed();
  return promise;
}

/** Reads a file answer's body, telling `progress` what has arrived against its Content-Length. */
export async function readBody(response: Response, progress: DownloadProgress): Promise<Blob> {
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  progress.receiving(total);
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  if (!response.body) return response.blob();
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    progress.received(received);
  }
  return new Blob(chunks, { type });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The downloads running for more than a second (re-rendered as they pass that mark and as bytes arrive). */
export function useLongDownloads(): DownloadState[] {
  const all = useSyncExternalStore(subscribe, () => snapshot);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (all.length === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [all.length]);
  return all.filter((d) => now - d.startedAt >= SHOW_AFTER_MS);
}

/** Whether a download under this key (or any, without one) is running: for a button to show itself busy. */
export function useDownloading(key?: string): boolean {
  const all = useSyncExternalStore(subscribe, () => snapshot);
  return key === undefined ? all.length > 0 : all.some((d) => d.key === key);
}

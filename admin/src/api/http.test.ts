/**
 * `saveFile` keys a running download by the request it makes (method and URL), not by the file's name: two
 * exports that happen to share a name (人员名单.xlsx of two organisations) are two downloads, and a second click
 * on the same one joins it without a second request.
 *
 * Node has no page, so `fetch` answers from here (each call held until the test lets it go), relative URLs are
 * read against a made-up origin, and the link `saveBlob` clicks is a stand-in.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const ORIGIN = 'http://admin.test';

interface Sent {
  method: string;
  url: string;
  answer(body: string, name: string): void;
}

const sent: Sent[] = [];
const saved: string[] = [];

class PageRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, ORIGIN) : input, init);
  }
}

function heldFetch(request: Request): Promise<Response> {
  return new Promise((resolve) => {
    sent.push({
      method: request.method,
      url: request.url.slice(ORIGIN.length),
      answer: (body, name) =>
        resolve(
          new Response(body, {
            headers: { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` },
          }),
        ),
    });
  });
}

let http: typeof import('./http');

beforeAll(async () => {
  vi.stubGlobal('Request', PageRequest);
  vi.stubGlobal('fetch', heldFetch);
  vi.stubGlobal('document', {
    createElement: () => {
      const link = { download: '', href: '', style: {}, remove: () => undefined };
      return Object.assign(link, { click: () => saved.push(link.download) });
    },
    body: { appendChild: () => undefined },
  });
  // The client takes `fetch` and `Request` when it is made: import it only once they are in place.
  http = await import('./http');
});

afterAll(() => {
  vi.unstubAllGlobals();
});

beforeEach(() => {
  sent.length = 0;
  saved.length = 0;
});

/** Lets pending promise callbacks run, so that a call reaches `fetch`. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const exportOf = (org: string) => () =>
  http.http.GET('/api/people/export', { params: { query: { org } }, parseAs: 'stream' });

describe('saveFile', { timeout: 3_000 }, () => {
  it('runs two downloads under the same file name as two requests', async () => {
    const first = http.saveFile(exportOf('330101'), '人员名单.xlsx');
    const second = http.saveFile(exportOf('330102'), '人员名单.xlsx');
    await settle();
    expect(sent.map((s) => s.url)).toEqual([
      '/api/people/export?org=330101',
      '/api/people/export?org=330102',
    ]);
    sent[1]?.answer('b', '人员名单-330102.xlsx');
    sent[0]?.answer('a', '人员名单-330101.xlsx');
    expect(await first).toBe('人员名单-330101.xlsx');
    expect(await second).toBe('人员名单-330102.xlsx');
    expect(saved.sort()).toEqual(['人员名单-330101.xlsx', '人员名单-330102.xlsx']);
  });

  it('joins a second click on the same request instead of sending it again', async () => {
    const first = http.saveFile(exportOf('330101'), '人员名单.xlsx');
    const again = http.saveFile(exportOf('330101'), '另一个名字.xlsx');
    await settle();
    expect(sent).toHaveLength(1);
    sent[0]?.answer('a', '人员名单-330101.xlsx');
    expect(await first).toBe('人员名单-330101.xlsx');
    expect(await again).toBe('人员名单-330101.xlsx');
    expect(saved).toEqual(['人员名单-330101.xlsx']);
  });

  it('sends the request again once the first has finished', async () => {
    const first = http.saveFile(exportOf('330101'), '人员名单.xlsx');
    await settle();
    sent[0]?.answer('a', '人员名单.xlsx');
    await first;
    const second = http.saveFile(exportOf('330101'), '人员名单.xlsx');
    await settle();
    expect(sent).toHaveLength(2);
    sent[1]?.answer('a', '人员名单.xlsx');
    await second;
  });

  it('refuses a call that does not go through the typed client at once', async () => {
    await expect(
      http.saveFile(async () => ({ response: new Response('x') }), '人员名单.xlsx'),
    ).rejects.toThrow(/http/);
  });
});

describe('hrefOf', () => {
  it('fills a declared GET path with its parameters, encoded', () => {
    expect(http.hrefOf('/api/aid/donations/{id}/receipt', { id: 12 })).toBe('/api/aid/donations/12/receipt');
    expect(http.hrefOf('/api/volunteering/certificates/{number}/pdf', { number: 'ZM 1/2' })).toBe(
      '/api/volunteering/certificates/ZM%201%2F2/pdf',
    );
  });
});

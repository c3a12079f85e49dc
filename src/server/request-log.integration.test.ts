import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../lib/id-number.ts';
import {
  FAULT_DIALECTS,
  type Place,
  place,
  prepared,
  type Server,
  startServer,
  stop,
  type World,
} from '../test/processes.ts';

const PHONE = '13912345678';
const ID_NUMBER = makeIdNumber('419801', '2003-05-04', 17);
const FAULT = new URL('../test/throw-on-sigusr2.mjs', import.meta.url).pathname;

interface Line {
  level: number;
  reqId?: string;
  msg: string;
  err?: { message: string };
}

/** Each request's id, and the request log's lines: a people search by phone and by identity number among them. */
async function sendRequests(server: Server, world: World): Promise<string[]> {
  const urls = ['/api/health', `/api/people?q=${PHONE}`, `/api/people?q=${ID_NUMBER}`, '/api/orgs/tree', '/'];
  const ids: string[] = [];
  for (let i = 0; i < 40; i++) {
    const res = await fetch(`${server.url}${urls[i % urls.length]}`, { headers: world.headers });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    ids.push(res.headers.get('x-request-id')!);
  }
  return ids;
}

function logged(server: Server): Line[] {
  return server.out.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
}

/** Every request's two lines reached stdout, and neither output holds the phone or identity number in clear. */
function expectEveryRequestLogged(server: Server, ids: string[]): void {
  const lines = logged(server);
  for (const id of ids)
    expect(lines.filter((l) => l.reqId === id).map((l) => l.msg)).toEqual([
      'incoming request',
      'request completed',
    ]);
  const output = server.out.stdout + server.out.stderr;
  expect(output).not.toContain(PHONE);
  expect(output).not.toContain(ID_NUMBER);
  expect(output).toContain('139****5678');
}

/**
 * Issue 14: the request log is written from a buffer, off the request's path; what is buffered still reaches
 * stdout when the process stops — drained by SIGTERM, or killed by an error nobody caught.
 */
for (const dialect of FAULT_DIALECTS) {
  describe(`the request log loses nothing when the process ends (${dialect})`, () => {
    let where: Place;
    let world: World;
    beforeAll(async () => {
      where = await place(dialect);
      world = await prepared(where);
    }, 120_000);
    afterAll(() => where.dispose());

    it('SIGTERM: every request answered before it is in the log, then the stop, and the process exits 0', async () => {
      const server = await startServer(where.env);
      try {
        const ids = await sendRequests(server, world);
        server.child.kill('SIGTERM');
        expect(await server.exited).toBe(0);
        expectEveryRequestLogged(server, ids);
        expect(logged(server).at(-1)).toMatchObject({ msg: '已停止' });
      } finally {
        await stop(server, 'SIGKILL');
      }
    }, 120_000);

    it('an uncaught error: every request is in the log, then the error (masked) as fatal, and the process exits 1', async () => {
      const server = await startServer({ ...where.env, NODE_OPTIONS: `--import ${FAULT}` });
      try {
        const ids = await sendRequests(server, world);
        server.child.kill('SIGUSR2');
        expect(await server.exited).toBe(1);
        expectEveryRequestLogged(server, ids);
        const last = logged(server).at(-1)!;
        expect(last.level).toBe(60);
        expect(last.err?.message).toBe('故障注入：139****5678 未捕获的错误');
      } finally {
        await stop(server, 'SIGKILL');
      }
    }, 120_000);
  });
}

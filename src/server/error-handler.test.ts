import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorHandler } from './error-handler.ts';

function failingWith(error: Error) {
  const app = Fastify();
  registerErrorHandler(app);
  app.get('/api/fail', () => {
    throw error;
  });
  return app.inject({ method: 'GET', url: '/api/fail' });
}

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('database faults over HTTP', () => {
  it('a full disk is 507 磁盘空间不足', async () => {
    const res = await failingWith(withCode('database or disk is full', 'SQLITE_FULL'));
    expect(res.statusCode).toBe(507);
    expect(res.json().error).toMatchObject({ code: 'DISK_FULL' });
    expect(res.json().error.message).toContain('磁盘空间不足');
  });

  it('a write lock held too long is 503 数据库正忙', async () => {
    const res = await failingWith(withCode('database is locked', 'SQLITE_BUSY'));
    expect(res.statusCode).toBe(503);
    expect(res.json().error.message).toContain('数据库正忙');
  });

  it('a dropped PostgreSQL connection is 503 数据库连接中断', async () => {
    for (const error of [
      withCode('terminating connection due to administrator command', '57P01'),
      new Error('Connection terminated unexpectedly'),
      withCode('read ECONNRESET', 'ECONNRESET'),
    ]) {
      const res = await failingWith(error);
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toEqual({ code: 'DATABASE_UNAVAILABLE', message: '数据库连接中断，请重试' });
    }
  });

  it('any other error stays a 500 that says nothing of its insides', async () => {
    const res = await failingWith(withCode('no such table: secrets', 'SQLITE_ERROR'));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secrets');
  });
});

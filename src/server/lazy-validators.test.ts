import Fastify from 'fastify';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { lazySerializers, lazyValidators } from './lazy-validators.ts';

const AJV = { customOptions: { coerceTypes: 'array' as const, removeAdditional: true, allErrors: true } };

function appWith(lazy: boolean) {
  const app = Fastify({
    ajv: AJV,
    ...(lazy ? { schemaController: { compilersFactory: { buildValidator: lazyValidators() } } } : {}),
  });
  app.post(
    '/things',
    {
      schema: {
        querystring: Type.Object({ tag: Type.Optional(Type.Array(Type.String())) }),
        body: Type.Object(
          { name: Type.String({ minLength: 2 }), count: Type.Integer() },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({ query: request.query, body: request.body }),
  );
  return app;
}

/** Issue 14: a starting server compiles no request schema; each route's is compiled when first used. */
describe('lazyValidators', () => {
  it('validates as Fastify does: coercion, removed extra fields, every error listed', async () => {
    for (const lazy of [false, true]) {
      const app = appWith(lazy);
      const ok = await app.inject({
        method: 'POST',
        url: '/things?tag=a',
        payload: { name: 'ab', count: '3', extra: 1 },
      });
      expect(ok.json(), `lazy: ${lazy}`).toEqual({ query: { tag: ['a'] }, body: { name: 'ab', count: 3 } });
      const bad = await app.inject({ method: 'POST', url: '/things', payload: { name: 'a', count: 'x' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toMatch(/body\/name.*body\/count|body\/count.*body\/name/);
      await app.close();
    }
  });

  it('compiles nothing before the first request', async () => {
    const broken = (lazy: boolean) => {
      const app = Fastify(
        lazy ? { schemaController: { compilersFactory: { buildValidator: lazyValidators() } } } : {},
      );
      app.post('/broken', { schema: { body: { type: 'no-such-type' } } }, async () => 'ok');
      return app;
    };
    await expect(broken(false).ready()).rejects.toThrow(/no-such-type|schema/i);
    const app = broken(true);
    await app.ready();
    expect((await app.inject({ method: 'POST', url: '/broken', payload: {} })).statusCode).toBe(500);
    await app.close();
  });
});

describe('lazySerializers', () => {
  it('serializes by the response schema on first use: undeclared fields never leave', async () => {
    const app = Fastify({ schemaController: { compilersFactory: { buildSerializer: lazySerializers() } } });
    app.get(
      '/person',
      { schema: { response: { 200: Type.Object({ name: Type.String(), age: Type.Integer() }) } } },
      async () => ({ name: '张三', age: 17, idNumber: '110101200901010011' }),
    );
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/person' });
    expect(res.json()).toEqual({ name: '张三', age: 17 });
    await app.close();
  });
});

import { describe, expect, it } from 'vitest';
import { withErrorAnswers } from './openapi.ts';

describe('withErrorAnswers (the OpenAPI document the admin client is generated from)', () => {
  it('gives every /api operation the one error body, and names a prefix root without its slash', () => {
    const document: { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> } =
      withErrorAnswers({
        paths: {
          '/api/people/': { get: { responses: { 200: { description: 'ok' } } } },
          '/api/people/{id}': { patch: { responses: { 200: { description: 'ok' } } } },
          '/rss.xml': { get: { responses: { 200: { description: 'ok' } } } },
          '/': { get: { responses: {} } },
        },
      });
    expect(Object.keys(document.paths)).toEqual(['/api/people', '/api/people/{id}', '/rss.xml', '/']);
    const errorAnswer = {
      description: '错误（统一格式）',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
    expect(document.paths['/api/people']!.get!.responses).toEqual({
      200: { description: 'ok' },
      default: errorAnswer,
    });
    expect(document.paths['/api/people/{id}']!.patch!.responses.default).toEqual(errorAnswer);
    expect(document.paths['/rss.xml']!.get!.responses).toEqual({ 200: { description: 'ok' } });
  });
});

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Operation {
  responses?: Record<string, unknown>;
}
type PathItem = Partial<Record<(typeof METHODS)[number], Operation>>;

/**
 * The OpenAPI document as the admin's generated client reads it (scripts/api-generate.ts):
 * - every /api operation answers errors with the one ErrorBody (server/error-handler.ts), as its `default`;
 * - a prefix's root route (`/api/people/`) is named without its trailing slash, the way the admin calls it
 *   (Fastify answers both).
 */
export function withErrorAnswers<T extends { paths?: unknown }>(document: T): T {
  const given = (document.paths ?? {}) as Record<string, PathItem | undefined>;
  const paths: Record<string, PathItem | undefined> = {};
  for (const [name, item] of Object.entries(given)) {
    const bare = name.slice(0, -1);
    const key = name.length > 1 && name.endsWith('/') && !(bare in given) ? bare : name;
    if (item && name.startsWith('/api/')) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation && !operation.responses?.default) {
          operation.responses = {
            ...operation.responses,
            default: {
              description: '错误（统一格式）',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
            },
          };
        }
      }
    }
    paths[key] = item;
  }
  return { ...document, paths };
}

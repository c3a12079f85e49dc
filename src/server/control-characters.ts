import type { FastifyInstance } from 'fastify';
import { DomainError } from '../lib/errors.ts';

/** C0, DEL and C1 controls, as in imported cells (imports/columns.ts); body text may keep tabs and line breaks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const IN_BODY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A query value or a path segment is one line: no control characters at all. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const IN_LINE = /[\u0000-\u001F\u007F-\u009F]/;

export class ControlCharacterError extends DomainError {
  readonly statusCode = 400;
  readonly code = 'CONTROL_CHARACTER';

  constructor(field: string) {
    const reason = '含有不允许的控制字符（如 NUL），请删除后重试';
    super(`「${field}」${reason}`, { problems: [{ row: null, column: field, value: null, reason }] });
  }
}

/** The path of the first string in `value` that `pattern` matches, or null. */
function findControl(value: unknown, pattern: RegExp, at: string): string | null {
  if (typeof value === 'string') return pattern.test(value) ? at : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControl(value[i], pattern, at ? `${at}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (IN_LINE.test(key)) return at ? `${at}.${key}` : key;
      const found = findControl(inner, pattern, at ? `${at}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Control characters are refused in every request's JSON body, query and route parameters before any handler
 * runs: PostgreSQL cannot store a NUL in text (a 500), SQLite stores it (an invisible difference in a name that
 * then matches nothing). One hook, so no route can forget; imported cells are checked by the import reader.
 */
export function registerControlCharacterGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const field =
      findControl(request.params, IN_LINE, '') ??
      findControl(request.query, IN_LINE, '') ??
      findControl(request.body, IN_BODY, '');
    if (field !== null) throw new ControlCharacterError(field || '请求');
  });
}

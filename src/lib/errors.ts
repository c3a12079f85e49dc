/** A problem with one cell or row of input, as shown to the user. */
export interface Problem {
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

/** Base of every error the services throw on purpose; mapped to HTTP once, in server/error-handler.ts. */
export abstract class DomainError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
  readonly details?: unknown;

  constructor(message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class ValidationError extends DomainError {
  readonly statusCode = 422;
  readonly code = 'VALIDATION_FAILED';
  declare readonly details: { problems: Problem[] } | undefined;

  constructor(message: string, problems: Problem[] = []) {
    super(message, problems.length > 0 ? { problems } : undefined);
  }

  /** One problem on a named field, the common case for forms. */
  static field(column: string, value: unknown, reason: string): ValidationError {
    return new ValidationError(reason, [
      { row: null, column, value: value == null ? null : String(value), reason },
    ]);
  }
}

export class NotFoundError extends DomainError {
  readonly statusCode = 404;
  readonly code = 'NOT_FOUND';
}

export class ForbiddenError extends DomainError {
  readonly statusCode = 403;
  readonly code = 'FORBIDDEN';

  constructor(message = '无权访问：超出您所在组织的管理范围') {
    super(message);
  }
}

export class UnauthorizedError extends DomainError {
  readonly statusCode = 401;
  readonly code = 'UNAUTHORIZED';

  constructor(message = '请先登录') {
    super(message);
  }
}

export class ConflictError extends DomainError {
  readonly statusCode = 409;
  readonly code = 'CONFLICT';
}

/**
 * A person whose identity number is on file already (issue 17, item 7). `personId` only when the caller may open
 * that record; the message says what to do next either way.
 */
export class PersonExistsError extends DomainError {
  readonly statusCode = 409;
  readonly code = 'PERSON_EXISTS';
  declare readonly details: { problems: Problem[]; existing: { personId: number | null } };

  constructor(message: string, personId: number | null) {
    super(message, {
      problems: [{ row: null, column: 'idNumber', value: null, reason: message }],
      existing: { personId },
    });
  }
}

/** Too many attempts (login, registration); the message says how long to wait. */
export class RateLimitedError extends DomainError {
  readonly statusCode = 429;
  readonly code = 'RATE_LIMITED';
}

/** An import refused whole: every error is listed, warnings too. */
export class ImportRefusedError extends DomainError {
  readonly statusCode = 422;
  readonly code = 'IMPORT_REFUSED';
  declare readonly details: { errors: Problem[]; warnings: Problem[] };

  /** `total` counts the errors past those listed too. */
  constructor(errors: Problem[], warnings: Problem[], total = errors.length) {
    super(`文件未导入：共 ${total} 处错误`, { errors, warnings });
  }
}

import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

interface RouteSchema {
  schema: unknown;
  method?: string;
  url?: string;
  httpPart?: string;
}
type Validate = ((data: unknown, context?: object) => unknown) & { errors?: unknown; schemaEnv?: unknown };
type ValidatorCompiler = (route: RouteSchema) => Validate;
type ValidatorBuilder = (externalSchemas: unknown, ajvOptions: unknown) => ValidatorCompiler;
/** What Fastify's `schemaController.compilersFactory.buildValidator` takes. */
type FastifyValidatorBuilder = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>;

/** Fastify's own default (@fastify/ajv-compiler), loaded from Fastify's dependencies as Fastify loads it. */
function fastifyDefault(): ValidatorBuilder {
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  return (fromFastify('@fastify/ajv-compiler') as () => ValidatorBuilder)();
}

/**
 * Fastify's validators, each compiled when its route is first used instead of when the server starts. Compiling
 * every route's schemas with ajv was about a third of start-up (issue 14: a process ready in under 2 s, so a
 * rolling restart or a new process behind nginx takes traffic soon); a route's first request pays a few
 * milliseconds instead. Same compiler, options and results; a schema ajv refuses fails its route's requests
 * (500) rather than the start, and every route is exercised by the route walk of scope.integration.test.ts.
 */
export function lazyValidators(): FastifyValidatorBuilder {
  const build = fastifyDefault();
  const lazy: ValidatorBuilder = (externalSchemas, ajvOptions) => {
    let compiler: ValidatorCompiler | undefined;
    return (route) => {
      let compiled: Validate | undefined;
      const validate: Validate = (data, context) => {
        compiler ??= build(externalSchemas, ajvOptions);
        compiled ??= compiler(route);
        const result = compiled.schemaEnv ? compiled(data, context) : compiled(data);
        validate.errors = compiled.errors;
        return result;
      };
      // Fastify passes the request as the part's parent only to an ajv function (one with schemaEnv), which
      // coercion needs to replace the part itself: ask for it, and hand it on.
      validate.schemaEnv = true;
      return validate;
    };
  };
  // Fastify types the compiled function as ajv's own; this one answers the same calls.
  return lazy as unknown as FastifyValidatorBuilder;
}

type Serialize = (data: unknown) => string;
type SerializerCompiler = (route: RouteSchema & { httpStatus?: string; contentType?: string }) => Serialize;
type SerializerBuilder = (externalSchemas: unknown, options: unknown) => SerializerCompiler;
/** What Fastify's `schemaController.compilersFactory.buildSerializer` takes. */
type FastifySerializerBuilder = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']
>;

/**
 * Fastify's response serializers (fast-json-stringify), each compiled when its route first answers with that
 * status, as lazyValidators does for requests: with a response schema on every route, compiling them all was
 * again a large part of start-up.
 */
export function lazySerializers(): FastifySerializerBuilder {
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  const build = (fromFastify('@fastify/fast-json-stringify-compiler') as () => SerializerBuilder)();
  const lazy: SerializerBuilder = (externalSchemas, options) => {
    let compiler: SerializerCompiler | undefined;
    return (route) => {
      let compiled: Serialize | undefined;
      return (data) => {
        compiler ??= build(externalSchemas, options);
        compiled ??= compiler(route);
        return compiled(data);
      };
    };
  };
  return lazy as unknown as FastifySerializerBuilder;
}

import { ACCESS_PUBLIC_KEY, IdempotencyGuard, ParseIdPipe } from '@app/core';
import { INestApplication, Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ThrottlerGuard } from '@nestjs/throttler';

/** What a route's own decorators say about the errors it can answer, read from the metadata its guards read. */
export interface RouteFacts {
  /** `@Public()`: no sign-in, so no 401/403 from the access guard. */
  public: boolean;
  /** Behind ThrottlerGuard: 429 past the limit. */
  rateLimited: boolean;
  /** `@Idempotent()`: the Idempotency-Key header's 409 and 422. */
  idempotent: boolean;
  /** Path parameters read through ParseIdPipe: UUIDs, 400 when malformed. */
  idParams: string[];
}

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/** The names of a handler's `@Param(name, ParseIdPipe)` arguments. */
function idParamsOf(controller: Type, method: string): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArgument>;
  return Object.entries(args)
    .filter(([key, arg]) => key.startsWith(`${RouteParamtypes.PARAM}:`) && arg.pipes?.includes(ParseIdPipe))
    .map(([, arg]) => String(arg.data));
}

/** The operation id of a controller's method, as the document builder is told to make it. */
export const operationIdOf = (controller: string, method: string): string => `${controller}_${method}`;

/** Every route of the application by operation id. Reads metadata only, so it works in preview mode too. */
export function routeFactsOf(app: INestApplication): Map<string, RouteFacts> {
  const reflector = new Reflector();
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const guards = [
          ...((Reflect.getMetadata(GUARDS_METADATA, controller) as unknown[] | undefined) ?? []),
          ...((Reflect.getMetadata(GUARDS_METADATA, handler) as unknown[] | undefined) ?? []),
        ];
        facts.set(operationIdOf(controller.name, name), {
          public: reflector.getAllAndOverride<boolean | undefined>(ACCESS_PUBLIC_KEY, [handler, controller]) === true,
          rateLimited: guards.includes(ThrottlerGuard),
          idempotent: guards.includes(IdempotencyGuard),
          idParams: idParamsOf(controller, name),
        });
      }
    }
  }
  return facts;
}

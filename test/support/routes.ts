import { ACCESS_PUBLIC_KEY, ACCESS_ROLES_KEY } from '@app/core';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';
import { TestApp } from './test-app';

export interface DeclaredRoute {
  route: string;
  isPublic: boolean;
  roles: string[] | undefined;
}

/** Every HTTP route of the running app with the access it declares. */
export function declaredRoutes(t: TestApp): DeclaredRoute[] {
  const discovery = t.get(DiscoveryService);
  const routes: DeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    for (const name of Object.getOwnPropertyNames(type.prototype)) {
      const handler = (type.prototype as Record<string, unknown>)[name];
      if (
        name === 'constructor' ||
        typeof handler !== 'function' ||
        Reflect.getMetadata(PATH_METADATA, handler) === undefined
      )
        continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const path = String(Reflect.getMetadata(PATH_METADATA, handler));
      const at = <T>(key: string): T | undefined => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, type);
      routes.push({
        route: `${method} /${[base, path].filter((p) => p && p !== '/').join('/')}`,
        isPublic: at<boolean>(ACCESS_PUBLIC_KEY) === true,
        roles: at<string[]>(ACCESS_ROLES_KEY),
      });
    }
  }
  return routes;
}

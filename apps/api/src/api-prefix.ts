import { INestApplication } from '@nestjs/common';

export const API_PREFIX = 'api/v1';

/** Every route under /api/v1 but the health checks, which probes call at fixed paths. */
export function useApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/live', 'health/ready'] });
}

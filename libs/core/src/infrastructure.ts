import { DynamicModule, Type } from '@nestjs/common';
import { AuditModule } from './audit';
import { AppConfig, ConfigModule } from './config';
import { DatabaseModule, DatabaseModuleOptions } from './database';
import { IdempotencyModule } from './idempotency';
import { JobSchedulesModule, QueueModule, QueueModuleOptions } from './queue';

/**
 * What every process of the CRM stands on — the api, a worker, and the command-line tools alike: the validated
 * config, the database, the queue, the audit log and Idempotency-Key records. One list, so that a tool that loads
 * a domain module finds every global provider that module's routes and jobs ask for.
 */
export function infrastructureModules(
  config: AppConfig,
  schema: DatabaseModuleOptions,
  queue: QueueModuleOptions,
): (DynamicModule | Type)[] {
  return [
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot(schema),
    QueueModule.forRoot(queue),
    JobSchedulesModule,
    AuditModule,
    IdempotencyModule,
  ];
}

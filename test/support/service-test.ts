import { AppConfig, infrastructureModules, useDistrictTimeZone } from '@app/core';
import { SCHEMA } from '@app/schema';
import { DynamicModule, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { testConfig } from './test-app';
import { createTestDatabase } from './test-database';

export interface ServiceTest {
  module: TestingModule;
  config: AppConfig;
  /** A provider of any imported module, exported or not (a library's own repositories included). */
  get<T>(type: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

export interface ServiceTestOptions {
  /** The libraries' modules under test, as the api imports them (with the global ones their services ask for). */
  imports: (DynamicModule | Type)[];
  settings?: Record<string, string>;
}

/**
 * The service tier: the libraries' real services and repositories on this test file's own database (PostgreSQL
 * with DATABASE_URL, PGlite otherwise) with the infrastructure every process stands on — no HTTP, no Fastify,
 * the in-process queue. Migrations ran once, into the template the database is cloned or loaded from.
 */
export async function createServiceTestModule({ imports, settings = {} }: ServiceTestOptions): Promise<ServiceTest> {
  const database = await createTestDatabase();
  const config = testConfig(database, settings);
  useDistrictTimeZone(config.APP_TIME_ZONE);
  let module: TestingModule | undefined;
  try {
    module = await Test.createTestingModule({
      imports: [...infrastructureModules(config, SCHEMA, { worker: false }), ...imports],
    }).compile();
    // the services' own logging (an expected failure, a skipped step) is not the test's output; errors still throw
    module.useLogger(false);
    await module.init();
  } catch (error) {
    await module?.close();
    await database.drop();
    throw error;
  }
  const started = module;
  return {
    module: started,
    config,
    get: (type) => started.get(type, { strict: false }),
    close: async () => {
      await started.close();
      await database.drop();
    },
  };
}

/** A list query as the validation pipe would hand it to a service: an instance of its DTO class (with `skip`). */
export function listQuery<Query extends object>(type: new () => Query, values: Partial<Query>): Query {
  return Object.assign(new type(), values);
}

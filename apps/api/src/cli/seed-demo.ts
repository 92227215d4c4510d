/** npm run seed:demo — loads the demo data set into the configured database (skips what is loaded). */
import 'reflect-metadata';
import { infrastructureModules, loadConfig } from '@app/core';
import { DemoModule, DemoSeeder } from '@app/demo';
import { SCHEMA } from '@app/schema';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

async function main(): Promise<void> {
  const config = loadConfig();
  @Module({
    imports: [...infrastructureModules(config, SCHEMA, { worker: false }), DemoModule],
  })
  class SeedModule {}
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    const loaded = await app.get(DemoSeeder).load();
    console.log(loaded ? 'Demo data loaded.' : 'Demo data was already loaded.');
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});

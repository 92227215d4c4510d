/**
 * npm run openapi   writes the api's OpenAPI document (the one served at /docs/openapi.json) to dist/openapi.json
 *
 * No database, queue or listening server: the application is built in Nest's preview mode, which reads the
 * modules, controllers and DTOs without creating a provider.
 */
import 'reflect-metadata';
import { loadConfig } from '@app/core';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { writeFileSync } from 'node:fs';
import { ApiModule } from '../api.module';
import { useApiPrefix } from '../bootstrap';
import { createOpenApiDocument } from '../openapi/openapi-document';

async function main(): Promise<void> {
  const [output = 'dist/openapi.json'] = process.argv.slice(2);
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(loadConfig({ LOG_LEVEL: 'silent' })),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  useApiPrefix(app);
  writeFileSync(output, `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`);
  // not closed: a closing application calls the shutdown hooks of providers that preview mode never created
}

main().catch((error: unknown) => {
  process.stderr.write(`OpenAPI document not written: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});

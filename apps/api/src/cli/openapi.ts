/**
 * npm run openapi   writes the OpenAPI document that the api serves at /docs/openapi.json to dist/openapi.json
 *                   (or to the file given), without a database or a server; npm run lint lints it with redocly
 */
import 'reflect-metadata';
import { loadConfig } from '@app/core';
import { writeFileSync } from 'node:fs';
import { createOpenApiDocument, previewApiApp } from '../openapi/openapi-document';

async function main(): Promise<void> {
  const [output = 'dist/openapi.json'] = process.argv.slice(2);
  // the document does not depend on the settings; the defaults keep it the same on every machine
  const app = await previewApiApp(loadConfig({ LOG_LEVEL: 'silent' }));
  writeFileSync(output, `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`OpenAPI document not written: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});

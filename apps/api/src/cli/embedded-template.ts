/**
 * node dist/apps/api/src/cli/embedded-template.js — makes the embedded database's migrated cluster that a new data
 * folder starts from (see clusterTemplateDir), when this installation has none for its migrations yet. The build
 * runs it; without it a first start creates its cluster and runs the migrations itself, as before.
 */
import 'reflect-metadata';
import { clusterTemplateDir, ensureClusterTemplate } from '@app/core';
import { SCHEMA } from '@app/schema';

async function main(): Promise<void> {
  const started = performance.now();
  const made = await ensureClusterTemplate(SCHEMA);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const where = clusterTemplateDir(SCHEMA);
  console.log(
    made ? `embedded database template: made in ${seconds} s (${where})` : 'embedded database template: up to date',
  );
}

main().catch((error: unknown) => {
  console.error(`embedded database template: not made (${(error as Error)?.message ?? String(error)})`);
  process.exit(1);
});

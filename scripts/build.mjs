// Compiles apps/ and libs/ to dist/ with SWC (type-checking is `npm run typecheck`), then builds the web
// application (apps/web, Vite) into dist/web. `--web` rebuilds only the web application (the browser tests use it).
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');
const WEB_SOURCE = join(ROOT, 'apps/web');
const WEB_OUT = join(ROOT, 'dist/web');
/** The JavaScript the first page downloads, gzipped, may not exceed this. */
const FIRST_PAGE_BUDGET = 350 * 1024;

function compileServer() {
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      'node_modules/@swc/cli/bin/swc.js',
      'apps/api/src',
      'apps/worker/src',
      'libs',
      '-d',
      'dist',
      '--config-file',
      '.swcrc',
      '--only',
      '**/*.ts',
      '--ignore',
      '**/*.spec.ts',
      '--quiet',
    ],
    { stdio: 'inherit', cwd: ROOT },
  );
}

async function buildWeb() {
  // a production build whoever runs it: Jest's NODE_ENV=test would otherwise make Vite build for development
  // (Vue's development runtime, and no service worker)
  process.env.NODE_ENV = 'production';
  await build({ configFile: join(WEB_SOURCE, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  writeServiceWorker();
  reportFirstPage();
}

/** The service worker, with the list of the build's files it keeps for opening the application offline. */
function writeServiceWorker() {
  const assets = readdirSync(join(WEB_OUT, 'assets'))
    .filter((name) => !name.endsWith('.map'))
    .map((name) => `/assets/${name}`)
    .sort();
  const version = gzipSync(assets.join('\n')).toString('base64url').slice(-16);
  const source = readFileSync(join(WEB_SOURCE, 'service-worker.js'), 'utf8')
    .replace("'%VERSION%'", JSON.stringify(version))
    .replace("'%ASSETS%'", JSON.stringify(assets));
  writeFileSync(join(WEB_OUT, 'sw.js'), source);
}

/**
 * Prints the gzipped JavaScript of the first page (what index.html loads, with its preloaded imports, plus the
 * largest page chunk a first route adds) and fails the build over the budget.
 */
function reportFirstPage() {
  const html = readFileSync(join(WEB_OUT, 'index.html'), 'utf8');
  const named = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const size = (file) => gzipSync(readFileSync(join(WEB_OUT, file))).length;
  const entry = named.reduce((sum, file) => sum + size(file), 0);
  const pages = readdirSync(join(WEB_OUT, 'assets'))
    .filter((name) => name.endsWith('.js') && !named.includes(`assets/${name}`))
    .map((name) => ({ name, bytes: size(`assets/${name}`) }))
    .sort((a, b) => b.bytes - a.bytes);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  process.stdout.write(
    `web: first page JavaScript ${kb(entry)} gzipped (budget ${kb(FIRST_PAGE_BUDGET)}); ` +
      `largest chunk loaded later: ${pages[0] ? `${pages[0].name} ${kb(pages[0].bytes)}` : 'none'}\n`,
  );
  if (entry > FIRST_PAGE_BUDGET)
    throw new Error(`the first page's JavaScript is over its budget of ${kb(FIRST_PAGE_BUDGET)}`);
}

/**
 * The embedded database's migrated cluster that a new data folder starts from (apps/api/src/cli/embedded-template.ts),
 * made beside the web build when missing. Without it a first start creates its own cluster, so a failure here
 * is told and does not fail the build.
 */
function prepareEmbeddedTemplate() {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'dist/apps/api/src/cli/embedded-template.js')],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout, stderr) => {
        process.stdout.write(stdout);
        if (error) process.stderr.write(stderr || `${error.message}\n`);
        resolve();
      },
    );
  });
}

if (process.argv.includes('--web')) {
  await buildWeb();
} else {
  compileServer();
  await Promise.all([buildWeb(), prepareEmbeddedTemplate()]);
}

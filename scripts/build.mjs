// Compiles apps/ and libs/ to dist/ with SWC (type-checking is `npm run typecheck`), then bundles
// the web pages with esbuild into dist/web. `--web` rebuilds only the pages (the browser tests use it).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as esbuild from 'esbuild';

const WEB_SOURCE = 'apps/api/web';
const WEB_OUT = 'dist/web';

function compileServer() {
  rmSync('dist', { recursive: true, force: true });
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
    { stdio: 'inherit' },
  );
}

async function bundleWeb() {
  rmSync(WEB_OUT, { recursive: true, force: true });
  mkdirSync(WEB_OUT, { recursive: true });
  const result = await esbuild.build({
    entryPoints: { app: `${WEB_SOURCE}/src/main.ts` },
    bundle: true,
    // the dashboard's charts load as a chunk of their own, so the phone page stays light
    splitting: true,
    format: 'esm',
    outdir: `${WEB_OUT}/assets`,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    minify: true,
    sourcemap: 'linked',
    target: 'es2020',
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const [script, output] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint) ?? [];
  if (!script || !output?.cssBundle) throw new Error('esbuild produced no entry script or stylesheet');
  const html = readFileSync(`${WEB_SOURCE}/index.html`, 'utf8')
    .replace('%STYLE%', `/assets/${basename(output.cssBundle)}`)
    .replace('%SCRIPT%', `/assets/${basename(script)}`);
  writeFileSync(`${WEB_OUT}/index.html`, html);
}

if (!process.argv.includes('--web')) compileServer();
await bundleWeb();

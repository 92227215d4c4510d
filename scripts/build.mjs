// Compiles apps/, libs/ and scripts/ to dist/ with SWC (type-checking is `npm run typecheck`).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    'node_modules/@swc/cli/bin/swc.js',
    'apps',
    'libs',
    'scripts',
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

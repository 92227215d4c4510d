// Builds dist/ once before any test file runs: the worker-process test starts the compiled worker and the
// browser tests load the bundled pages, and a build inside a test file would pull dist/ away from the others.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
};

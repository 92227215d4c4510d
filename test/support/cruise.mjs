// Runs dependency-cruiser's API with the project's rules (.dependency-cruiser.cjs) on a tree and prints the
// violations as JSON: node test/support/cruise.mjs <root of the tree> <path>... (a child process, because
// dependency-cruiser is an ES module that Jest's CommonJS transform cannot load).
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { fileURLToPath } from 'node:url';

const rules = fileURLToPath(new URL('../../.dependency-cruiser.cjs', import.meta.url));
const [root, ...paths] = process.argv.slice(2);
const options = await extractDepcruiseOptions(rules);
process.chdir(root);
const result = await cruise(paths, { ...options, validate: true }, undefined, {
  tsConfig: extractTSConfig('tsconfig.json'),
});
const violations = result.output.summary.violations.map((violation) => ({
  rule: violation.rule.name,
  from: violation.from,
  to: violation.to,
}));
process.stdout.write(JSON.stringify({ modules: result.output.summary.totalCruised, violations }));

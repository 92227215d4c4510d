/**
 * Unit tests live beside the code (*.spec.ts); service tests (real services and repositories on a database, no HTTP)
 * under test/services (*.service-spec.ts); end-to-end tests under test/ (*.e2e-spec.ts).
 */
const swc = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testRegex: ['(apps|libs)/.+\\.spec\\.ts$', 'test/services/.+\\.service-spec\\.ts$', 'test/.+\\.e2e-spec\\.ts$'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@app/([^/]+)$': '<rootDir>/libs/$1/src',
    '^@app/([^/]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
    // content-disposition 2 (under @fastify/static, which serves /docs) is ESM-only, which Jest's VM-modules
    // mode cannot require; its 0.5 line has the same API in CommonJS
    '^content-disposition$': 'content-disposition-cjs',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 60000,
  maxWorkers: 2,
};

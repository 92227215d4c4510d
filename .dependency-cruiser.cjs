/**
 * The architecture's import rules, checked by `npm run lint` (depcruise) and by test/architecture.e2e-spec.ts.
 * Paths are relative to the directory cruised from; `@app/<lib>` resolves through tsconfig.json's paths to
 * libs/<lib>/src/index.ts, so "another library's internals" means any other file of its src/.
 */

/** Where TypeORM may be imported: the files that own queries, tables and their history, and core's database. */
const TYPEORM_HOMES = [
  '[.]repository[.]ts$',
  '/entities/[^/]+[.]entity[.]ts$',
  '^libs/schema/src/migrations/',
  '^libs/core/src/database/',
  // the command that generates and runs migrations drives a DataSource of its own, outside the Nest app
  '^apps/api/src/cli/migration[.]ts$',
  // unit tests build TypeORM's errors to feed the class under test (production code never does)
  '[.]spec[.]ts$',
];

module.exports = {
  forbidden: [
    {
      name: 'no-library-internals',
      comment:
        'A library uses another only through what it exports: import @app/<lib> (its index.ts), never a file ' +
        'inside it (libs/<lib>/src/... or @app/<lib>/<path>).',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index[.]ts$'] },
    },
    {
      name: 'no-deep-library-import',
      comment:
        '@app/<lib>/<path> reaches into a library past its index.ts (tsconfig.json does not resolve it; Jest ' +
        'would): import @app/<lib>.',
      severity: 'error',
      from: { path: '^(apps|libs)/' },
      to: { path: '^@app/[^/]+/.' },
    },
    {
      name: 'no-app-into-library-internals',
      comment: 'The apps use a library only through @app/<lib> (its index.ts).',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: '^libs/[^/]+/src/', pathNot: '^libs/[^/]+/src/index[.]ts$' },
    },
    {
      name: 'typeorm-only-in-repositories',
      comment:
        'Only repositories, entities, migrations and libs/core/src/database touch TypeORM; a service takes ' +
        'the Transaction type that @app/core exports and calls repositories.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: TYPEORM_HOMES },
      to: { path: '(^|/)node_modules/typeorm/' },
    },
    {
      name: 'no-cycles-between-libraries',
      comment:
        'Libraries depend on each other in one direction: an import that leads back into its own library ' +
        'through another one is a cycle between the two.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { circular: true, via: { path: '^libs/[^/]+/', pathNot: '^libs/$1/' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^apps/api/web/', '^test/'] },
    // type-only imports count: `import type { EntityManager } from 'typeorm'` is still a dependency on it
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

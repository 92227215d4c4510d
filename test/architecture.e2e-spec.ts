import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tableOwnershipViolations } from './support/table-ownership';

interface Violation {
  rule: string;
  from: string;
  to: string;
}

const ROOT = join(__dirname, '..');
const FIXTURE = join(__dirname, 'fixtures', 'architecture');

/** The project's dependency-cruiser rules (.dependency-cruiser.cjs) applied by its API to `paths` under `root`. */
async function cruise(root: string, paths: string[]): Promise<{ modules: number; violations: Violation[] }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(__dirname, 'support', 'cruise.mjs'), root, ...paths],
    { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } },
  );
  return JSON.parse(stdout) as { modules: number; violations: Violation[] };
}

describe('library boundaries (dependency-cruiser)', () => {
  it('flags each deliberate violation of the fixture, and nothing it allows', async () => {
    const { violations } = await cruise(FIXTURE, ['apps', 'libs']);
    const found = violations.map(({ rule, from, to }) => ({
      rule,
      from,
      to: to.replace(/^.*node_modules\//, 'node_modules/'),
    }));
    expect(found).toEqual(
      expect.arrayContaining([
        // @app/beta/<path> instead of @app/beta
        { rule: 'no-deep-library-import', from: 'libs/alpha/src/alpha.service.ts', to: '@app/beta/beta.internal' },
        // a relative path into another library's src/
        {
          rule: 'no-library-internals',
          from: 'libs/beta/src/beta.service.ts',
          to: 'libs/alpha/src/alpha.repository.ts',
        },
        // an app past a library's index.ts
        {
          rule: 'no-app-into-library-internals',
          from: 'apps/site/src/main.ts',
          to: 'libs/alpha/src/alpha.repository.ts',
        },
        // a service on TypeORM (a type-only import counts)
        {
          rule: 'typeorm-only-in-repositories',
          from: 'libs/alpha/src/alpha.service.ts',
          to: 'node_modules/typeorm/index.d.ts',
        },
        // alpha -> beta -> alpha
        { rule: 'no-cycles-between-libraries', from: 'libs/alpha/src/alpha.service.ts', to: 'libs/beta/src/index.ts' },
      ]),
    );
    // the repository and the entity may use TypeORM, and the app may use @app/alpha
    expect(found).toHaveLength(5);
  }, 120_000);

  it('finds no violation in apps/ and libs/', async () => {
    const { modules, violations } = await cruise(ROOT, ['apps', 'libs']);
    expect(modules).toBeGreaterThan(300);
    expect(violations).toEqual([]);
  }, 300_000);
});

describe("library boundaries (each library's tables)", () => {
  it('flags another library reached in SQL, through a relation or through its entity, and allows views', () => {
    const violations = tableOwnershipViolations(join(__dirname, 'fixtures', 'tables'));
    expect(violations).toEqual([
      { file: 'libs/beta/src/beta.repository.ts', table: 'alpha_item', owner: 'alpha', how: 'sql' },
      { file: 'libs/beta/src/beta.repository.ts', table: 'alpha_item', owner: 'alpha', how: 'repository' },
      { file: 'libs/beta/src/entities/beta.entity.ts', table: 'alpha_item', owner: 'alpha', how: 'relation' },
    ]);
  });

  it("finds no library reading or writing another library's tables", () => {
    expect(tableOwnershipViolations(ROOT)).toEqual([]);
  });
});

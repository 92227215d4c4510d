import { MigrationInterface } from 'typeorm';
import { clusterTemplateDir } from './cluster-template';

class First1700000000001 implements MigrationInterface {
  async up(): Promise<void> {
    await Promise.resolve('CREATE TABLE a (n int)');
  }
  async down(): Promise<void> {}
}

class Second1700000000002 implements MigrationInterface {
  async up(): Promise<void> {
    await Promise.resolve('CREATE TABLE b (n int)');
  }
  async down(): Promise<void> {}
}

describe(clusterTemplateDir.name, () => {
  it('is one folder per set of migrations, beside the installed PGlite', () => {
    const one = clusterTemplateDir({ entities: [], migrations: [First1700000000001] });
    expect(clusterTemplateDir({ entities: [], migrations: [First1700000000001] })).toBe(one);
    expect(clusterTemplateDir({ entities: [], migrations: [First1700000000001, Second1700000000002] })).not.toBe(one);
    expect(one).toMatch(/node_modules[/\\]\.cache[/\\]haizhou-crm[/\\]pglite-\d+\.\d+\.\d+-[0-9a-f]{16}$/);
  });
});

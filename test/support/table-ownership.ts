import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A place where one library reaches a table of another: in SQL, through a TypeORM relation or a repository. */
export interface TableViolation {
  file: string;
  table: string;
  owner: string;
  how: 'sql' | 'relation' | 'repository';
}

const RELATION = /@(?:ManyToOne|OneToMany|OneToOne|ManyToMany)\(\s*\(\)\s*=>\s*(\w+)/g;
const REPOSITORY = /(?:getRepository|InjectRepository|JoinAndMapOne|JoinAndMapMany|\.into)\(\s*(?:'[^']*',\s*)?(\w+)/g;
const SQL = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?([a-z_][a-z0-9_]*)"?/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * The tables each library owns (its entities' `@Entity('name')`), then every file of every other library that
 * names one of them. The schema library (migrations, the list of entities) is where all tables meet, so it is left
 * out; SQL views are not entities, so reading another library through its views is what this allows.
 */
export function tableOwnershipViolations(root: string): TableViolation[] {
  const libsDir = join(root, 'libs');
  const libs = readdirSync(libsDir).filter((lib) => lib !== 'schema');
  const tables = new Map<string, string>();
  const classes = new Map<string, { table: string; owner: string }>();
  const files = libs.flatMap((lib) => sourceFiles(join(libsDir, lib, 'src')).map((file) => ({ lib, file })));
  for (const { lib, file } of files.filter(({ file }) => file.endsWith('.entity.ts'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/@Entity\('(\w+)'\)[^]*?export class (\w+)/g)) {
      tables.set(match[1], lib);
      classes.set(match[2], { table: match[1], owner: lib });
    }
  }
  const violations: TableViolation[] = [];
  for (const { lib, file } of files) {
    const text = readFileSync(file, 'utf8');
    const at = relative(root, file);
    for (const [, table] of text.matchAll(SQL)) {
      const owner = tables.get(table);
      if (owner && owner !== lib) violations.push({ file: at, table, owner, how: 'sql' });
    }
    for (const [pattern, how] of [
      [RELATION, 'relation'],
      [REPOSITORY, 'repository'],
    ] as const) {
      for (const [, name] of text.matchAll(pattern)) {
        const entity = classes.get(name);
        if (entity && entity.owner !== lib)
          violations.push({ file: at, table: entity.table, owner: entity.owner, how });
      }
    }
  }
  return violations;
}

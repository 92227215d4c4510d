import { SchemaDefinition } from '@app/core';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export const SCHEMA: SchemaDefinition = { entities: ENTITIES, migrations: MIGRATIONS };
export { ENTITIES, MIGRATIONS };

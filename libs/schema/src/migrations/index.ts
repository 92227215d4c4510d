/** Migrations in the order they run; `npm run migration:generate -- Name` appends here. */
import { Foundation1795691828657 } from './1795691828657-Foundation';
import { SeedBureaus1795691900000 } from './1795691900000-SeedBureaus';
export const MIGRATIONS = [Foundation1795691828657, SeedBureaus1795691900000];

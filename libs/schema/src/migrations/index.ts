/** Migrations in the order they run; `npm run migration:generate -- Name` appends here. */
import { WeeklyReports1795693955106 } from './1795693955106-WeeklyReports';
import { Foundation1795691828657 } from './1795691828657-Foundation';
import { SeedBureaus1795691900000 } from './1795691900000-SeedBureaus';
import { Rankings1795693704322 } from './1795693704322-Rankings';
import { SeedRankingWeights1795693800000 } from './1795693800000-SeedRankingWeights';
export const MIGRATIONS = [
  Foundation1795691828657,
  SeedBureaus1795691900000,
  Rankings1795693704322,
  SeedRankingWeights1795693800000,
  WeeklyReports1795693955106,
];

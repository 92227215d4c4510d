export * from './bureau-target.entity';
export * from './ranking-weights.entity';
export * from './bureau-daily-stat.entity';
export * from './rollup-generation.entity';

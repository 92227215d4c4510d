export * from './rankings.module';
export * from './figures';
export * from './scoring';
export * from './ranking.service';
export * from './rollup.repository';
export * from './entities';

export * from './bureau-stats.recorder';

export * from './report-section';
export * from './excel';

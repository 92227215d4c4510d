export * from './report-section';

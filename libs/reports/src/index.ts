export * from './reports.module';
export * from './weekly-report.service';
export * from './entities/weekly-report.entity';
export * from './report-export';
export * from './report-builder';
export * from './report-scope';
export { PUBLISH_LOCK } from './weekly-report.repository';
export * from './report-chain';

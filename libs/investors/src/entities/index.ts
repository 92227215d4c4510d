export * from './investor.entity';
export * from './contact.entity';
export * from './lead.entity';
export * from './lead-transfer.entity';
export * from './visit.entity';
export * from './lead-import-job.entity';
export * from './reference-views.entity';

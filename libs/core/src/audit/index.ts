export * from './audit.module';
export * from './audit.service';
export * from './audit-chain';
export * from './entities/audit-entry.entity';
export * from './jobs/audit-seal.job';
export * from './audit-key';
export * from './audit-checkpoint';
export * from './audit.repository';

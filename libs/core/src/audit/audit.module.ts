import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditChainHeadEntity, AuditEntryEntity, AuditVerifiedPrefixEntity } from './entities/audit-entry.entity';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AuditCheckpoint } from './audit-checkpoint';
import { AuditController } from './audit.controller';
import { AuditKey, resolveAuditKey } from './audit-key';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditSealJob } from './jobs/audit-seal.job';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntryEntity, AuditChainHeadEntity, AuditVerifiedPrefixEntity])],
  controllers: [AuditController],
  providers: [
    // a server without AUDIT_HMAC_KEY stops here, with one line naming it
    {
      provide: AuditKey,
      useFactory: (config: AppConfig) => new AuditKey(resolveAuditKey(config)),
      inject: [AppConfig],
    },
    AuditCheckpoint,
    AuditRepository,
    AuditService,
    AuditSealJob,
  ],
  exports: [AuditService],
})
export class AuditModule {}

import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditSealJob } from './jobs/audit-seal.job';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditSealJob],
  exports: [AuditService],
})
export class AuditModule {}

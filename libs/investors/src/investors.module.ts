import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactEntity } from './entities/contact.entity';
import { InvestorEntity } from './entities/investor.entity';
import { LeadImportJobEntity } from './entities/lead-import-job.entity';
import { LeadTransferEntity } from './entities/lead-transfer.entity';
import { LeadEntity } from './entities/lead.entity';
import { VisitEntity } from './entities/visit.entity';
import { IdentityModule } from '@app/identity';
import { FileBodyModule, IdempotentReplays } from '@app/core';
import { Module, OnModuleInit } from '@nestjs/common';
import { ContactRepository } from './contact.repository';
import { ContactService } from './contact.service';
import { InvestorClaimService } from './investor-claim.service';
import { InvestorController } from './investor.controller';
import { InvestorRepository } from './investor.repository';
import { InvestorService } from './investor.service';
import { LeadImportJobRepository } from './lead-import/lead-import-job.repository';
import { LeadImportJobService } from './lead-import/lead-import-job.service';
import { LeadImportController } from './lead-import/lead-import.controller';
import { LeadImportRepository } from './lead-import/lead-import.repository';
import { LeadImportService } from './lead-import/lead-import.service';
import { LeadImportWriter } from './lead-import/lead-import.writer';
import { LEDGER_UPLOAD } from './lead-import/ledger-upload';
import { LeadController, LeadTransferController } from './lead.controller';
import { LeadConversionService } from './lead-conversion.service';
import { LeadActivityRepository } from './lead-activity.repository';
import { LeadActivityService } from './lead-activity.service';
import { LeadTransferRepository } from './lead-transfer.repository';
import { LeadTransferService } from './lead-transfer.service';
import { LeadRepository } from './lead.repository';
import { LeadService } from './lead.service';
import { VisitController } from './visit.controller';
import { VisitRepository } from './visit.repository';
import { VisitService } from './visit.service';

/** Staff logging: the investor registry, contacts, leads with 撞单 and transfers, visits. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      InvestorEntity,
      ContactEntity,
      LeadEntity,
      LeadTransferEntity,
      VisitEntity,
      LeadImportJobEntity,
    ]),
    IdentityModule,
    FileBodyModule.register(LEDGER_UPLOAD),
  ],
  controllers: [InvestorController, LeadController, LeadTransferController, VisitController, LeadImportController],
  providers: [
    InvestorRepository,
    ContactRepository,
    LeadRepository,
    LeadTransferRepository,
    VisitRepository,
    InvestorService,
    InvestorClaimService,
    ContactService,
    LeadService,
    LeadTransferService,
    LeadConversionService,
    LeadActivityRepository,
    LeadActivityService,
    VisitService,
    LeadImportRepository,
    LeadImportJobRepository,
    LeadImportJobService,
    LeadImportService,
    LeadImportWriter,
  ],
  exports: [
    InvestorRepository,
    ContactRepository,
    LeadRepository,
    LeadTransferRepository,
    VisitRepository,
    InvestorService,
    InvestorClaimService,
    LeadService,
    LeadConversionService,
    LeadActivityService,
    VisitService,
  ],
})
export class InvestorsModule implements OnModuleInit {
  constructor(
    private readonly replays: IdempotentReplays,
    private readonly investors: InvestorService,
    private readonly leads: LeadService,
    private readonly visits: VisitService,
  ) {}

  /** How a retried create is answered after a crash between its commit and its stored answer. */
  onModuleInit(): void {
    this.replays.register('investor', (_actor, id) => this.investors.get(id));
    this.replays.register('lead', (actor, id) => this.leads.get(actor, id));
    this.replays.register('visit', (actor, id) => this.visits.get(actor, id));
  }
}

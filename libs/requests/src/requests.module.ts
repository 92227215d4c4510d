import { IdentityModule } from '@app/identity';
import { InvestorsModule } from '@app/investors';
import { PipelineModule } from '@app/pipeline';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServiceDepartmentEntity } from './entities/service-department.entity';
import { ServiceRequestEventEntity } from './entities/service-request-event.entity';
import { ServiceRequestEntity } from './entities/service-request.entity';
import { RequestActivityService } from './request-activity.service';
import { RequestsReportSection } from './requests.section';
import { ServiceDepartmentController, ServiceRequestController } from './service-request.controller';
import { ServiceDepartmentRepository } from './service-department.repository';
import { ServiceDepartmentService } from './service-department.service';
import { ServiceRequestEventRepository } from './service-request-event.repository';
import { ServiceRequestRepository } from './service-request.repository';
import { ServiceRequestService } from './service-request.service';

/** 企业诉求 under 首办责任制: requests of landed companies, their handling departments and events. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ServiceDepartmentEntity, ServiceRequestEntity, ServiceRequestEventEntity]),
    IdentityModule,
    InvestorsModule,
    PipelineModule,
  ],
  controllers: [ServiceRequestController, ServiceDepartmentController],
  providers: [
    ServiceRequestRepository,
    ServiceRequestEventRepository,
    ServiceDepartmentRepository,
    ServiceRequestService,
    ServiceDepartmentService,
    RequestActivityService,
    RequestsReportSection,
  ],
  exports: [ServiceRequestService, ServiceDepartmentService, RequestActivityService, ServiceRequestRepository],
})
export class RequestsModule {}

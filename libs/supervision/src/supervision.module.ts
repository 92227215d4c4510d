import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '@app/alerts';
import { OverdueOrders } from '@app/core';
import { IdentityModule } from '@app/identity';
import { InvestorsModule } from '@app/investors';
import { ProjectOpenOrdersSource } from '@app/pipeline';
import { Global, Module } from '@nestjs/common';
import { SupervisionOrderEventEntity } from './entities/supervision-order-event.entity';
import { SupervisionOrderEntity } from './entities/supervision-order.entity';
import { OrderEscalationJob } from './jobs/order-escalation.job';
import { OrderEscalationService } from './order-escalation.service';
import { SupervisionOverdueOrders } from './overdue-orders.service';
import { SupervisionProjectOrders } from './project-orders.source';
import { SupervisionOrderController } from './supervision-order.controller';
import { SupervisionOrderRepository } from './supervision-order.repository';
import { SupervisionOrderService } from './supervision-order.service';
import { SupervisionReportSection } from './supervision.section';

/**
 * 督查督办: supervision orders to bureaus, their events, overdue escalation. Global so that the alerts reach
 * OverdueOrders without importing the library that imports them (an order is made from an alert).
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([SupervisionOrderEntity, SupervisionOrderEventEntity]),
    IdentityModule,
    InvestorsModule,
    AlertsModule,
  ],
  controllers: [SupervisionOrderController],
  providers: [
    SupervisionOrderRepository,
    SupervisionOrderService,
    OrderEscalationService,
    OrderEscalationJob,
    SupervisionReportSection,
    { provide: OverdueOrders, useClass: SupervisionOverdueOrders },
    { provide: ProjectOpenOrdersSource, useClass: SupervisionProjectOrders },
  ],
  exports: [SupervisionOrderService, OrderEscalationService, OverdueOrders],
})
export class SupervisionModule {}

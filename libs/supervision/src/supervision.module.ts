import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '@app/alerts';
import { IdentityModule } from '@app/identity';
import { InvestorsModule } from '@app/investors';
import { Module } from '@nestjs/common';
import { SupervisionOrderEventEntity } from './entities/supervision-order-event.entity';
import { SupervisionOrderEntity } from './entities/supervision-order.entity';
import { SupervisionOrderController } from './supervision-order.controller';
import { SupervisionOrderRepository } from './supervision-order.repository';
import { SupervisionOrderService } from './supervision-order.service';

/** 督查督办: supervision orders to bureaus, their events, overdue escalation. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SupervisionOrderEntity, SupervisionOrderEventEntity]),
    IdentityModule,
    InvestorsModule,
    AlertsModule,
  ],
  controllers: [SupervisionOrderController],
  providers: [SupervisionOrderRepository, SupervisionOrderService],
  exports: [SupervisionOrderService],
})
export class SupervisionModule {}

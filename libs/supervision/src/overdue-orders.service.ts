import { daysBetween, OverdueOrder, OverdueOrders } from '@app/core';
import { Injectable } from '@nestjs/common';
import { SupervisionOrderRepository } from './supervision-order.repository';

/** Supervision's side of the seam the alerts read overdue orders through. */
@Injectable()
export class SupervisionOverdueOrders extends OverdueOrders {
  constructor(private readonly orders: SupervisionOrderRepository) {
    super();
  }

  async on(day: string): Promise<OverdueOrder[]> {
    const rows = await this.orders.overdue(day);
    return rows.map((order) => ({
      id: order.id,
      bureauId: order.bureauId,
      matter: order.matter,
      dueDate: order.dueDate,
      overdueDays: daysBetween(order.dueDate, day),
    }));
  }
}

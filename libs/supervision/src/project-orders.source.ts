import { ProjectOpenOrdersSource, ProjectOrderView } from '@app/pipeline';
import { Injectable } from '@nestjs/common';
import { SupervisionOrderRepository } from './supervision-order.repository';

/** The open 督办单 naming projects, as a 包保 leader's project list shows them (GET /me/projects). */
@Injectable()
export class SupervisionProjectOrders extends ProjectOpenOrdersSource {
  constructor(private readonly orders: SupervisionOrderRepository) {
    super();
  }

  async forProjects(projectIds: string[]): Promise<ProjectOrderView[]> {
    return (await this.orders.openOfProjects(projectIds)).map((order) => ({
      projectId: order.projectId as string,
      id: order.id,
      matter: order.matter,
      dueDate: order.dueDate,
      status: order.status,
    }));
  }
}

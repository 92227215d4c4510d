import { addDays, Actor, BusinessClock, TransactionRunner } from '@app/core';
import { actorOfUser, BureauRepository, UserRepository } from '@app/identity';
import { OrderEscalationService, SupervisionOrderService } from '@app/supervision';
import { Injectable, Logger } from '@nestjs/common';
import { DemoRepository } from './demo.repository';

const DATASET = 'supervision-v1';

/**
 * A few supervision orders (督办单) in every state, issued by the 督查室 and handled by the bureaus through the
 * services themselves, each step on the day it happened; every bureau gets 张明远 as its 分管领导, so the overdue
 * one is escalated to him.
 */
@Injectable()
export class DemoSupervisionSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly demo: DemoRepository,
    private readonly bureaus: BureauRepository,
    private readonly users: UserRepository,
    private readonly orders: SupervisionOrderService,
    private readonly escalation: OrderEscalationService,
    private readonly transactions: TransactionRunner,
    private readonly clock: BusinessClock,
  ) {}

  async load(today: string): Promise<boolean> {
    if (await this.demo.isLoaded(DATASET)) return false;
    const actor = async (username: string): Promise<Actor | null> => {
      const user = await this.users.findByUsername(username);
      return user ? actorOfUser(user, { sessionId: 'demo', requestId: `demo-${DATASET}` }) : null;
    };
    const [supervisor, leader] = [await actor('supervisor1'), await actor('leader1')];
    if (!supervisor || !leader) return false;
    const bureaus = await this.bureaus.list();
    await this.transactions.run(async (tx) => {
      for (const bureau of bureaus) await this.bureaus.setLeader(bureau.id, leader.userId, tx);
    });
    const on = <T>(days: number, work: () => Promise<T>) => this.clock.asOf(addDays(today, days), work);
    const issue = (days: number, bureau: string, matter: string, due: number) =>
      on(days, () =>
        this.orders.issue(supervisor, {
          matter,
          requirement: '请于期限内查明原因、落实整改，并书面反馈办理情况',
          dueDate: addDays(today, due),
          bureau,
        }),
      );
    const handle = async (bureau: string) => [
      (await actor(`head${bureau.slice(1)}`)) as Actor,
      (await actor(`staff${bureau.slice(1)}a`)) as Actor,
    ];

    // B01: assigned, a progress note, then overdue (escalated below)
    const [head1, staff1] = await handle('B01');
    let order = await issue(-20, 'B01', '氟化工产业园重点项目签约后久未注册落地', -6);
    order = await on(-19, () =>
      this.orders.assign(head1, order.id, { expectedVersion: order.version, handlerId: staff1.userId }),
    );
    await on(-10, () =>
      this.orders.reply(staff1, order.id, {
        expectedVersion: order.version,
        note: '已约谈企业负责人，企业正在准备注册材料',
      }),
    );
    // B02: reported done, awaiting the 督查室
    const [head2, staff2] = await handle('B02');
    order = await issue(-15, 'B02', '新能源装备项目用地手续推进缓慢', 10);
    order = await on(-14, () =>
      this.orders.assign(head2, order.id, { expectedVersion: order.version, handlerId: staff2.userId }),
    );
    await on(-3, () =>
      this.orders.reply(staff2, order.id, {
        expectedVersion: order.version,
        note: '用地预审已通过，报请办结',
        final: true,
      }),
    );
    // B03: closed after its due date (逾期办结)
    const [head3, staff3] = await handle('B03');
    order = await issue(-40, 'B03', '重点客商走访频次不足', -25);
    order = await on(-39, () =>
      this.orders.assign(head3, order.id, { expectedVersion: order.version, handlerId: staff3.userId }),
    );
    order = await on(-22, () =>
      this.orders.reply(staff3, order.id, {
        expectedVersion: order.version,
        note: '已补齐走访并建立台账',
        final: true,
      }),
    );
    await on(-20, () => this.orders.close(supervisor, order.id, { expectedVersion: order.version, note: '予以办结' }));
    // B04: just issued
    await issue(-2, 'B04', '招商线索台账更新不及时', 12);

    await this.escalation.markOverdue(today);
    await this.escalation.escalate(today);
    await this.demo.markLoaded(DATASET);
    this.logger.log(`Loaded demo data set ${DATASET}`);
    return true;
  }
}

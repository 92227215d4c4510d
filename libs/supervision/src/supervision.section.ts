import { addDays, BUREAU_COLUMNS, Period, ReportSection, ReportSectionProvider, ReportTable } from '@app/core';
import { BureauRepository } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { SupervisionOrderRepository } from './supervision-order.repository';

/**
 * 督办: per bureau, the supervision orders open at the end of the report's period (its last day), those of them past
 * their due date then, and those closed during the period after their due date (逾期办结). Every bureau has a row.
 */
@Injectable()
@ReportSection(55)
export class SupervisionReportSection implements ReportSectionProvider {
  constructor(
    private readonly orders: SupervisionOrderRepository,
    private readonly bureaus: BureauRepository,
  ) {}

  async build(period: Period): Promise<ReportTable> {
    const lastDay = addDays(period.to, -1);
    // overdue at the end of the last day: due before the day after it
    const [counts, bureaus] = await Promise.all([
      this.orders.countsByBureau(lastDay, period.from, lastDay, period.to),
      this.bureaus.list(),
    ]);
    const byBureau = new Map(counts.map((row) => [row.bureauId, row]));
    return {
      key: 'supervision',
      title: '督办',
      note: '未办结、逾期为期末（最后一天终了）状态；逾期办结为本期内办结且办结日晚于办理期限的督办单',
      columns: [
        ...BUREAU_COLUMNS,
        { key: 'open', header: '未办结', type: 'int' },
        { key: 'overdue', header: '逾期未办结', type: 'int' },
        { key: 'closedLate', header: '逾期办结', type: 'int' },
      ],
      rows: bureaus.map((bureau) => {
        const row = byBureau.get(bureau.id);
        return {
          bureauCode: bureau.code,
          bureauName: bureau.name,
          open: row?.open ?? 0,
          overdue: row?.overdue ?? 0,
          closedLate: row?.closedLate ?? 0,
        };
      }),
    };
  }
}

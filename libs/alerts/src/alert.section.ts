import { addDays, BUREAU_COLUMNS, Period, ReportSection, ReportSectionProvider, ReportTable } from '@app/core';
import { BureauRepository } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { AlertCandidate } from './alert-rules';
import { alertMessage, AlertService } from './alert.service';
import { ALERT_KIND_LABELS } from './entities/alert.entity';

/**
 * 预警 by bureau: the red and yellow lights standing at the end of the report's period, one row per bureau, light
 * and kind with how many there are and the one overdue longest (idle days counted to the period's last day; visits,
 * stage changes and closings after it are not seen). Every single light stays on the 预警 page; a report listing
 * each of them would run to a hundred thousand rows at a district's scale and be read by nobody.
 */
@Injectable()
@ReportSection(50)
export class AlertReportSection implements ReportSectionProvider {
  constructor(
    private readonly alerts: AlertService,
    private readonly bureaus: BureauRepository,
  ) {}

  async build(period: Period): Promise<ReportTable> {
    const [alerts, bureaus] = await Promise.all([this.alerts.asOf(addDays(period.to, -1)), this.bureaus.list()]);
    const byId = new Map(bureaus.map((b) => [b.id, b]));
    const codeOf = (alert: AlertCandidate) => byId.get(alert.bureauId)?.code ?? '';
    // one group per bureau, light and kind: its count and the alert overdue longest
    const groups = new Map<string, { longest: AlertCandidate; count: number }>();
    for (const alert of alerts) {
      const key = `${alert.bureauId}|${alert.level}|${alert.kind}`;
      const group = groups.get(key);
      if (!group) groups.set(key, { longest: alert, count: 1 });
      else {
        group.count++;
        if (alert.overdue > group.longest.overdue) group.longest = alert;
      }
    }
    // by bureau, red before yellow, longest overdue first
    const sorted = [...groups.values()].sort(({ longest: a }, { longest: b }) => {
      if (codeOf(a) !== codeOf(b)) return codeOf(a) < codeOf(b) ? -1 : 1;
      if (a.level !== b.level) return a.level === 'red' ? -1 : 1;
      return b.overdue - a.overdue || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);
    });
    return {
      key: 'alerts',
      title: '预警（按招商局）',
      columns: [
        ...BUREAU_COLUMNS,
        { key: 'level', header: '灯号', type: 'text' },
        { key: 'kind', header: '类别', type: 'text' },
        { key: 'count', header: '条数', type: 'int' },
        { key: 'subject', header: '超期最久的对象', type: 'text' },
        { key: 'since', header: '起算日期', type: 'date' },
        { key: 'overdue', header: '超期', type: 'int' },
        { key: 'message', header: '说明', type: 'text' },
      ],
      rows: sorted.map(({ longest: alert, count }) => ({
        bureauCode: byId.get(alert.bureauId)?.code ?? '',
        bureauName: byId.get(alert.bureauId)?.name ?? '',
        level: alert.level === 'red' ? '红灯' : '黄灯',
        kind: ALERT_KIND_LABELS[alert.kind],
        count,
        subject: alert.subject,
        since: alert.since,
        overdue: alert.overdue,
        message: alertMessage(alert),
      })),
    };
  }
}

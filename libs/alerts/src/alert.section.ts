import { addDays, BUREAU_COLUMNS, Period, ReportSection, ReportSectionProvider, ReportTable } from '@app/core';
import { BureauRepository } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { AlertCandidate } from './alert-rules';
import { alertMessage, AlertService } from './alert.service';
import { ALERT_KIND_LABELS } from './entities/alert.entity';

/**
 * 预警: the red and yellow lights standing at the end of the report's week (its Sunday), by bureau: idle days
 * are counted to that day, and visits, stage changes and closings after it are not seen.
 */
@Injectable()
@ReportSection(50)
export class AlertReportSection implements ReportSectionProvider {
  constructor(
    private readonly alerts: AlertService,
    private readonly bureaus: BureauRepository,
  ) {}

  async build(week: Period): Promise<ReportTable> {
    const [rows, bureaus] = await Promise.all([this.alerts.asOf(addDays(week.to, -1)), this.bureaus.list()]);
    const byId = new Map(bureaus.map((b) => [b.id, b]));
    const codeOf = (alert: AlertCandidate) => byId.get(alert.bureauId)?.code ?? '';
    // by bureau, red before yellow, longest overdue first
    const sorted = [...rows].sort((a, b) => {
      if (codeOf(a) !== codeOf(b)) return codeOf(a) < codeOf(b) ? -1 : 1;
      if (a.level !== b.level) return a.level === 'red' ? -1 : 1;
      return b.overdue - a.overdue;
    });
    return {
      key: 'alerts',
      title: '预警',
      columns: [
        ...BUREAU_COLUMNS,
        { key: 'level', header: '灯号', type: 'text' },
        { key: 'kind', header: '类别', type: 'text' },
        { key: 'subject', header: '对象', type: 'text' },
        { key: 'since', header: '起算日期', type: 'date' },
        { key: 'overdue', header: '超期', type: 'int' },
        { key: 'message', header: '说明', type: 'text' },
      ],
      rows: sorted.map((alert) => ({
        bureauCode: byId.get(alert.bureauId)?.code ?? '',
        bureauName: byId.get(alert.bureauId)?.name ?? '',
        level: alert.level === 'red' ? '红灯' : '黄灯',
        kind: ALERT_KIND_LABELS[alert.kind],
        subject: alert.subject,
        since: alert.since,
        overdue: alert.overdue,
        message: alertMessage(alert),
      })),
    };
  }
}

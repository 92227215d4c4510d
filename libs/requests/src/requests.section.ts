import {
  BUREAU_COLUMNS,
  Period,
  periodOf,
  addDays,
  ReportSection,
  ReportSectionProvider,
  ReportTable,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { ServiceRequestService } from './service-request.service';

/**
 * 企业诉求: per bureau, the week's requests received, closed by their 回访, closed on time and the satisfaction
 * rate, beside the year to the week's end. Counted by the records' own dates, so a past week reads as it stood.
 */
@Injectable()
@ReportSection(70)
export class RequestsReportSection implements ReportSectionProvider {
  constructor(private readonly requests: ServiceRequestService) {}

  async build(week: Period): Promise<ReportTable> {
    const lastDay = addDays(week.to, -1);
    const [weekly, ytd] = await Promise.all([
      this.requests.figuresOf(week),
      this.requests.figuresOf(periodOf('ytd', lastDay)),
    ]);
    const ytdByCode = new Map(ytd.bureaus.map((row) => [row.bureau.code, row]));
    return {
      key: 'requests',
      title: '企业诉求',
      note: '按期办结：办结日期不晚于办理期限；满意率：回访满意与基本满意 ÷ 已回访',
      columns: [
        ...BUREAU_COLUMNS,
        { key: 'received', header: '本周受理', type: 'int' },
        { key: 'closed', header: '本周回访关闭', type: 'int' },
        { key: 'closedOnTime', header: '其中按期办结', type: 'int' },
        { key: 'satisfactionRate', header: '本周满意率', type: 'percent' },
        { key: 'ytdReceived', header: '年度累计受理', type: 'int' },
        { key: 'ytdClosedOnTime', header: '年度累计按期办结', type: 'int' },
        { key: 'ytdSatisfactionRate', header: '年度累计满意率', type: 'percent' },
      ],
      rows: weekly.bureaus.map((row) => {
        const year = ytdByCode.get(row.bureau.code);
        return {
          bureauCode: row.bureau.code,
          bureauName: row.bureau.name,
          received: row.received,
          closed: row.closed,
          closedOnTime: row.closedOnTime,
          satisfactionRate: row.satisfactionRate,
          ytdReceived: year?.received ?? 0,
          ytdClosedOnTime: year?.closedOnTime ?? 0,
          ytdSatisfactionRate: year?.satisfactionRate ?? null,
        };
      }),
    };
  }
}

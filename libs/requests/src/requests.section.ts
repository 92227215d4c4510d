import {
  BUREAU_COLUMNS,
  Period,
  periodOf,
  periodWords,
  addDays,
  ReportSection,
  ReportSectionProvider,
  ReportTable,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { ServiceRequestService } from './service-request.service';

/**
 * 企业诉求: per bureau, the period's requests received, closed by their 回访, closed on time and the satisfaction
 * rate, beside the year to the period's end. Counted by the records' own dates, so a past period reads as it stood.
 */
@Injectable()
@ReportSection(70)
export class RequestsReportSection implements ReportSectionProvider {
  constructor(private readonly requests: ServiceRequestService) {}

  async build(period: Period): Promise<ReportTable> {
    const lastDay = addDays(period.to, -1);
    const words = periodWords(period.kind);
    const [current, ytd] = await Promise.all([
      this.requests.figuresOf(period),
      this.requests.figuresOf(periodOf('ytd', lastDay)),
    ]);
    const ytdByCode = new Map(ytd.bureaus.map((row) => [row.bureau.code, row]));
    return {
      key: 'requests',
      title: '企业诉求',
      note: '按期办结：办结日期不晚于办理期限；满意率：回访满意与基本满意 ÷ 已回访',
      columns: [
        ...BUREAU_COLUMNS,
        { key: 'received', header: `${words.current}受理`, type: 'int' },
        { key: 'closed', header: `${words.current}回访关闭`, type: 'int' },
        { key: 'closedOnTime', header: '其中按期办结', type: 'int' },
        { key: 'satisfactionRate', header: `${words.current}满意率`, type: 'percent' },
        { key: 'ytdReceived', header: '年度累计受理', type: 'int' },
        { key: 'ytdClosedOnTime', header: '年度累计按期办结', type: 'int' },
        { key: 'ytdSatisfactionRate', header: '年度累计满意率', type: 'percent' },
      ],
      rows: current.bureaus.map((row) => {
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

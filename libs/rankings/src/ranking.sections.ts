import { addDays, BUREAU_COLUMNS, Period, ReportSection, ReportSectionProvider, ReportTable } from '@app/core';
import { Injectable } from '@nestjs/common';
import { RankingDto } from './dto/ranking.dto';
import { RankingService } from './ranking.service';

/** The week's ranking and the year-to-date one as of the week's last day: what both sections read. */
async function weekAndYear(rankings: RankingService, week: Period): Promise<[RankingDto, RankingDto]> {
  const lastDay = addDays(week.to, -1);
  return [await rankings.ranking('week', lastDay), await rankings.ranking('ytd', lastDay)];
}

/** 排名: each bureau's week and year-to-date rank, change, score, completion and 时序进度. */
@Injectable()
@ReportSection(10)
export class RankingReportSection implements ReportSectionProvider {
  constructor(private readonly rankings: RankingService) {}

  async build(week: Period): Promise<ReportTable> {
    const [weekly, ytd] = await weekAndYear(this.rankings, week);
    const ytdByCode = new Map(ytd.rows.map((row) => [row.bureau.code, row]));
    return {
      key: 'ranking',
      title: '排名',
      columns: [
        ...BUREAU_COLUMNS,
        { key: 'weekRank', header: '本周名次', type: 'int' },
        { key: 'weekRankChange', header: '较上周', type: 'change' },
        { key: 'weekScore', header: '本周得分', type: 'amount' },
        { key: 'ytdRank', header: '年度累计名次', type: 'int' },
        { key: 'ytdRankChange', header: '累计名次变化', type: 'change' },
        { key: 'ytdScore', header: '累计得分', type: 'amount' },
        { key: 'signedAmountRate', header: '签约额完成率', type: 'percent' },
        { key: 'signedCountRate', header: '签约项目完成率', type: 'percent' },
        { key: 'startedCountRate', header: '开工项目完成率', type: 'percent' },
        { key: 'fundsRate', header: '到位资金完成率', type: 'percent' },
        { key: 'visitsRate', header: '走访完成率', type: 'percent' },
        { key: 'behind', header: '时序进度落后', type: 'text' },
      ],
      rows: weekly.rows.map((row) => {
        const year = ytdByCode.get(row.bureau.code);
        return {
          bureauCode: row.bureau.code,
          bureauName: row.bureau.name,
          weekRank: row.rank,
          weekRankChange: row.rankChange,
          weekScore: row.score.toFixed(2),
          ytdRank: year?.rank ?? null,
          ytdRankChange: year?.rankChange ?? null,
          ytdScore: year ? year.score.toFixed(2) : null,
          signedAmountRate: row.completion.signedAmount,
          signedCountRate: row.completion.signedCount,
          startedCountRate: row.completion.startedCount,
          fundsRate: row.completion.fundsInPlace,
          visitsRate: row.completion.visits,
          behind: row.behind,
        };
      }),
    };
  }
}

/** 走访情况: visits, those led by a county-level leader, and new leads per bureau, this week and this year. */
@Injectable()
@ReportSection(60)
export class VisitActivityReportSection implements ReportSectionProvider {
  constructor(private readonly rankings: RankingService) {}

  async build(week: Period): Promise<ReportTable> {
    const [weekly, ytd] = await weekAndYear(this.rankings, week);
    const ytdByCode = new Map(ytd.rows.map((row) => [row.bureau.code, row.figures]));
    return {
      key: 'visits',
      title: '走访情况',
      columns: [
        ...BUREAU_COLUMNS,
        { key: 'visits', header: '本周走访接洽', type: 'int' },
        { key: 'leaderVisits', header: '本周领导带队', type: 'int' },
        { key: 'newLeads', header: '本周新增线索', type: 'int' },
        { key: 'ytdVisits', header: '年度累计走访', type: 'int' },
        { key: 'ytdLeaderVisits', header: '年度累计领导带队', type: 'int' },
        { key: 'ytdNewLeads', header: '年度累计新增线索', type: 'int' },
      ],
      rows: [...weekly.rows]
        .sort((a, b) => (a.bureau.code < b.bureau.code ? -1 : 1))
        .map((row) => ({
          bureauCode: row.bureau.code,
          bureauName: row.bureau.name,
          visits: row.figures.visits,
          leaderVisits: row.figures.leaderVisits,
          newLeads: row.figures.newLeads,
          ytdVisits: ytdByCode.get(row.bureau.code)?.visits ?? 0,
          ytdLeaderVisits: ytdByCode.get(row.bureau.code)?.leaderVisits ?? 0,
          ytdNewLeads: ytdByCode.get(row.bureau.code)?.newLeads ?? 0,
        })),
    };
  }
}

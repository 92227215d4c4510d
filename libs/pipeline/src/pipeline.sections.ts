import { addDays, BUREAU_COLUMNS, Period, ReportSection, ReportSectionProvider, ReportTable } from '@app/core';
import { BureauRepository, UserDirectory } from '@app/identity';
import { InvestorService } from '@app/investors';
import { Injectable } from '@nestjs/common';
import { PipelineReportRepository } from './pipeline-report.repository';
import { AgreementType, Stage, STAGE_LABELS } from './stage';

const AGREEMENT_LABELS: Record<string, string> = {
  [AgreementType.Framework]: '框架协议',
  [AgreementType.Formal]: '正式合同',
};

/**
 * The rows with their bureau's code and name, by bureau code; within a bureau in the order the query gave
 * (a stable sort), as the report lists every table.
 */
async function byBureau<R extends { bureau_id: string }>(
  bureaus: BureauRepository,
  rows: R[],
): Promise<(R & { bureauCode: string; bureauName: string })[]> {
  const byId = new Map((await bureaus.list()).map((bureau) => [bureau.id, bureau]));
  return rows
    .map((row) => ({
      ...row,
      bureauCode: byId.get(row.bureau_id)?.code ?? '',
      bureauName: byId.get(row.bureau_id)?.name ?? '',
    }))
    .sort((a, b) => (a.bureauCode < b.bureauCode ? -1 : a.bureauCode > b.bureauCode ? 1 : 0));
}

/** 新签约项目: projects whose first signing falls in the week. */
@Injectable()
@ReportSection(20)
export class SigningsReportSection implements ReportSectionProvider {
  constructor(
    private readonly reports: PipelineReportRepository,
    private readonly bureaus: BureauRepository,
    private readonly investors: InvestorService,
    private readonly users: UserDirectory,
  ) {}

  async build(week: Period): Promise<ReportTable> {
    const rows = await byBureau(this.bureaus, await this.reports.signings(week.from, week.to));
    const investors = await this.investors.namesOf(rows.map((row) => row.investor_id));
    const leaderIds = [
      ...new Set(rows.flatMap((row) => (row.responsible_leader_id ? [row.responsible_leader_id] : []))),
    ];
    const leaders = new Map((await this.users.findByIds(leaderIds)).map((user) => [user.id, user.displayName]));
    return {
      key: 'signings',
      title: '新签约项目',
      columns: [
        ...BUREAU_COLUMNS,
        { key: 'project', header: '项目名称', type: 'text' },
        { key: 'investor', header: '客商', type: 'text' },
        { key: 'signedAt', header: '签约日期', type: 'date' },
        { key: 'agreementType', header: '协议类型', type: 'text' },
        { key: 'signedAmount', header: '签约额（万元）', type: 'amount' },
        { key: 'keyProject', header: '重点项目', type: 'text' },
        { key: 'leader', header: '包保领导', type: 'text' },
      ],
      rows: rows.map((row) => ({
        bureauCode: row.bureauCode,
        bureauName: row.bureauName,
        project: row.project,
        investor: investors.get(row.investor_id) ?? '',
        signedAt: row.signed_at,
        agreementType: row.agreement_type ? (AGREEMENT_LABELS[row.agreement_type] ?? row.agreement_type) : null,
        signedAmount: row.signed_amount,
        keyProject: row.is_key_project,
        leader: row.responsible_leader_id ? (leaders.get(row.responsible_leader_id) ?? null) : null,
      })),
    };
  }
}

/** 阶段变化: every stage event dated in the week, corrections marked. */
@Injectable()
@ReportSection(30)
export class StageChangesReportSection implements ReportSectionProvider {
  constructor(
    private readonly reports: PipelineReportRepository,
    private readonly bureaus: BureauRepository,
  ) {}

  async build(week: Period): Promise<ReportTable> {
    const rows = await byBureau(this.bureaus, await this.reports.stageChanges(week.from, week.to));
    return {
      key: 'stageChanges',
      title: '阶段变化',
      columns: [
        ...BUREAU_COLUMNS,
        { key: 'project', header: '项目名称', type: 'text' },
        { key: 'from', header: '原阶段', type: 'text' },
        { key: 'to', header: '新阶段', type: 'text' },
        { key: 'date', header: '日期', type: 'date' },
        { key: 'correction', header: '更正', type: 'text' },
        { key: 'note', header: '备注', type: 'text' },
      ],
      rows: rows.map((row) => ({
        bureauCode: row.bureauCode,
        bureauName: row.bureauName,
        project: row.project,
        from: row.from_stage ? STAGE_LABELS[row.from_stage as Stage] : null,
        to: STAGE_LABELS[row.to_stage as Stage],
        date: row.business_date,
        correction: row.is_correction,
        note: row.note,
      })),
    };
  }
}

/**
 * 到位资金: per project, the funds in place in the report's months (the month a week ends in; a month; a quarter's
 * three months), the year to the last of them, and the total so far. The column keeps its key `monthAmount` in every
 * report; its header names the period.
 */
@Injectable()
@ReportSection(40)
export class FundsReportSection implements ReportSectionProvider {
  constructor(
    private readonly reports: PipelineReportRepository,
    private readonly bureaus: BureauRepository,
  ) {}

  async build(period: Period): Promise<ReportTable> {
    const month = addDays(period.to, -1).slice(0, 7);
    const firstMonth = period.kind === 'quarter' ? period.from.slice(0, 7) : month;
    const rows = await byBureau(this.bureaus, await this.reports.funds(firstMonth, month));
    return {
      key: 'funds',
      title: '到位资金',
      columns: [
        ...BUREAU_COLUMNS,
        { key: 'project', header: '项目名称', type: 'text' },
        { key: 'month', header: '月份', type: 'text' },
        {
          key: 'monthAmount',
          header: period.kind === 'quarter' ? '本季度到位（万元）' : '本月到位（万元）',
          type: 'amount',
        },
        { key: 'yearAmount', header: '年度累计（万元）', type: 'amount' },
        { key: 'totalAmount', header: '累计到位（万元）', type: 'amount' },
      ],
      rows: rows.map((row) => ({
        bureauCode: row.bureauCode,
        bureauName: row.bureauName,
        project: row.project,
        month: firstMonth === month ? month : `${firstMonth}至${month}`,
        monthAmount: row.month_amount,
        yearAmount: row.year_amount,
        totalAmount: row.total_amount,
      })),
    };
  }
}

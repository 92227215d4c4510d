import {
  addDays,
  AppConfig,
  BUREAU_COLUMNS,
  Period,
  ReportSection,
  ReportSectionProvider,
  ReportTable,
} from '@app/core';
import { BureauRepository, UserDirectory } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { MilestoneProgressService } from './milestone-progress.service';
import { milestoneState } from './milestone-state';

/** Sorts text the way a Chinese reader expects a list of names. */
const collator = new Intl.Collator('zh-CN');

/**
 * 包保领导节点滞后: each 包保 leader's key projects with nodes past their planned date and not done at the end of the
 * report's week (its Sunday), by leader, then bureau, project and planned date.
 */
@Injectable()
@ReportSection(55)
export class MilestoneSlipsReportSection implements ReportSectionProvider {
  constructor(
    private readonly milestones: MilestoneProgressService,
    private readonly bureaus: BureauRepository,
    private readonly users: UserDirectory,
    private readonly config: AppConfig,
  ) {}

  async build(week: Period): Promise<ReportTable> {
    const day = addDays(week.to, -1);
    const redDays = this.config.MILESTONE_RED_DAYS;
    const slipped = (await this.milestones.asOf(day)).flatMap((node) => {
      const state = milestoneState(node.plannedDate, node.actualDate, day, redDays);
      return state.light ? [{ ...node, state }] : [];
    });
    const leaderIds = [...new Set(slipped.flatMap((n) => (n.responsibleLeaderId ? [n.responsibleLeaderId] : [])))];
    const [bureaus, leaders] = await Promise.all([this.bureaus.list(), this.users.findByIds(leaderIds)]);
    const bureauById = new Map(bureaus.map((b) => [b.id, b]));
    const leaderName = new Map(leaders.map((u) => [u.id, u.displayName]));
    const rows = slipped.map((node) => ({
      leader: node.responsibleLeaderId ? (leaderName.get(node.responsibleLeaderId) ?? '') : '未指定',
      bureauCode: bureauById.get(node.bureauId)?.code ?? '',
      bureauName: bureauById.get(node.bureauId)?.name ?? '',
      project: node.name,
      node: node.nodeLabel,
      plannedDate: node.plannedDate,
      overdue: node.state.days ?? 0,
      level: node.state.light === 'red' ? '红灯' : '黄灯',
    }));
    rows.sort(
      (a, b) =>
        collator.compare(a.leader, b.leader) ||
        (a.bureauCode < b.bureauCode ? -1 : a.bureauCode > b.bureauCode ? 1 : 0) ||
        collator.compare(a.project, b.project) ||
        (a.plannedDate < b.plannedDate ? -1 : a.plannedDate > b.plannedDate ? 1 : 0),
    );
    return {
      key: 'milestoneSlips',
      title: '包保项目节点滞后',
      note: `截至 ${day}，逾期未完成的节点；逾期 ${redDays} 天及以上为红灯`,
      columns: [
        ...BUREAU_COLUMNS,
        { key: 'leader', header: '包保领导', type: 'text' },
        { key: 'project', header: '项目名称', type: 'text' },
        { key: 'node', header: '节点', type: 'text' },
        { key: 'plannedDate', header: '计划日期', type: 'date' },
        { key: 'overdue', header: '逾期天数', type: 'int' },
        { key: 'level', header: '灯号', type: 'text' },
      ],
      rows,
    };
  }
}

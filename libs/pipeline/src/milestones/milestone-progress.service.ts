import { Injectable } from '@nestjs/common';
import { MilestoneRepository } from './milestone.repository';
import { nodeLabel } from './milestone-plan';

/** A planned node of a live key project, for the 督查 alerts and the weekly report. */
export interface MilestoneProgress {
  projectId: string;
  bureauId: string;
  /** The project's name. */
  name: string;
  responsibleLeaderId: string | null;
  /** 签约, 用地, 开工…; `key` as in the plan (`signed`, `procedure:land`…). */
  nodeLabel: string;
  plannedDate: string;
  /** The day it was done (the gate date of a stage node), if at all; may lie after the day asked about. */
  actualDate: string | null;
}

/** The key projects' planned nodes: what other libraries read instead of the plan tables. */
@Injectable()
export class MilestoneProgressService {
  constructor(private readonly milestones: MilestoneRepository) {}

  /** The live key projects' planned nodes now. */
  current(): Promise<MilestoneProgress[]> {
    return this.read(null);
  }

  /**
   * As they stood at the end of a past day: projects terminated by then are left out, and an actual date after
   * it is not done yet (the caller compares). Plans are kept as they are now (planned dates are not versioned).
   */
  asOf(day: string): Promise<MilestoneProgress[]> {
    return this.read(day);
  }

  private async read(asOf: string | null): Promise<MilestoneProgress[]> {
    const [rows, kinds] = await Promise.all([this.milestones.plannedNodes(asOf), this.milestones.procedureKinds()]);
    const kindById = new Map(kinds.map((kind) => [kind.id, kind]));
    return rows.map((row) => ({
      projectId: row.project_id,
      bureauId: row.bureau_id,
      name: row.name,
      responsibleLeaderId: row.responsible_leader_id,
      nodeLabel: nodeLabel(row.node, row.procedure_kind_id ? kindById.get(row.procedure_kind_id) : null),
      plannedDate: row.planned_date,
      actualDate: row.actual_date,
    }));
  }
}

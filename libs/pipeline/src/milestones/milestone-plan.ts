import { STAGE_LABELS } from '../stage';
import { MilestoneProcedureKindEntity } from './entities/milestone-procedure-kind.entity';
import { ProjectMilestoneEntity } from './entities/project-milestone.entity';
import { MilestoneNodeDto } from './dto/milestone.dto';
import { milestoneState } from './milestone-state';

/** The stage nodes, whose actual dates are the project's gate dates, in plan order around the procedures. */
export const STAGE_NODES = ['signed', 'registered', 'started', 'operating'] as const;
export type StageNode = (typeof STAGE_NODES)[number];

/** What a plan needs of its project: the gate dates that fill the stage nodes. */
export interface PlannedProject {
  signedAt: string | null;
  registeredAt: string | null;
  startedAt: string | null;
  operatingAt: string | null;
}

const GATE_DATE: Record<StageNode, keyof PlannedProject> = {
  signed: 'signedAt',
  registered: 'registeredAt',
  started: 'startedAt',
  operating: 'operatingAt',
};

export function isStageNode(node: string): node is StageNode {
  return (STAGE_NODES as readonly string[]).includes(node);
}

/** A stage node's key is its node; a procedure's is `procedure:<code>`. */
export function nodeKey(node: string, kind?: Pick<MilestoneProcedureKindEntity, 'code'> | null): string {
  return node === 'procedure' && kind ? `procedure:${kind.code}` : node;
}

export function nodeLabel(node: string, kind?: Pick<MilestoneProcedureKindEntity, 'name'> | null): string {
  return node === 'procedure' ? (kind?.name ?? '前期手续') : STAGE_LABELS[node as StageNode];
}

/**
 * A project's plan in order: 签约, 注册落地, the 前期手续 (the active kinds, and inactive ones the project has a date
 * on), 开工, 竣工投产 — each with its state on `today`.
 */
export function planNodes(
  project: PlannedProject,
  kinds: MilestoneProcedureKindEntity[],
  rows: ProjectMilestoneEntity[],
  today: string,
  redDays: number,
): MilestoneNodeDto[] {
  const stageRow = new Map(rows.filter((r) => r.procedureKindId === null).map((r) => [r.node, r]));
  const procedureRow = new Map(rows.filter((r) => r.procedureKindId !== null).map((r) => [r.procedureKindId, r]));
  const node = (
    key: string,
    node: string,
    label: string,
    plannedDate: string | null,
    actualDate: string | null,
    source: 'stage' | 'bureau',
  ): MilestoneNodeDto => {
    const state = milestoneState(plannedDate, actualDate, today, redDays);
    const shownActual = state.done ? actualDate : null;
    return {
      key,
      node,
      label,
      plannedDate,
      actualDate: shownActual,
      source,
      done: state.done,
      timing: state.timing,
      timingLabel: state.label,
      days: state.days,
      light: state.light,
      month: (shownActual ?? plannedDate)?.slice(0, 7) ?? null,
    };
  };
  const stage = (name: StageNode) =>
    node(name, name, nodeLabel(name), stageRow.get(name)?.plannedDate ?? null, project[GATE_DATE[name]], 'stage');
  const procedures = kinds
    .filter((kind) => {
      const row = procedureRow.get(kind.id);
      return kind.active || (row !== undefined && (row.plannedDate !== null || row.actualDate !== null));
    })
    .map((kind) => {
      const row = procedureRow.get(kind.id);
      return node(
        nodeKey('procedure', kind),
        'procedure',
        kind.name,
        row?.plannedDate ?? null,
        row?.actualDate ?? null,
        'bureau',
      );
    });
  return [stage('signed'), stage('registered'), ...procedures, stage('started'), stage('operating')];
}

/** The worst light among the nodes. */
export function worstLight(nodes: Pick<MilestoneNodeDto, 'light'>[]): 'red' | 'yellow' | null {
  if (nodes.some((n) => n.light === 'red')) return 'red';
  return nodes.some((n) => n.light === 'yellow') ? 'yellow' : null;
}

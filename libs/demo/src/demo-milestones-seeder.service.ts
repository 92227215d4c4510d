import { addDays, BusinessClock } from '@app/core';
import { actorOfUser, UserRepository } from '@app/identity';
import { MilestoneService, ProjectEntity, ProjectRepository, Stage } from '@app/pipeline';
import { Injectable, Logger } from '@nestjs/common';
import { DemoRepository } from './demo.repository';

export const MILESTONES_DATASET = 'milestones-v1';

/** A small, repeatable offset of -10..10 days for the n-th project's k-th date. */
const jitter = (n: number, k: number) => ((n * 7 + k * 13) % 21) - 10;
const earlier = (a: string, b: string) => (a < b ? a : b);

interface DemoNode {
  key: string;
  plannedDate: string;
  actualDate?: string;
}

/**
 * The plan a bureau would have drawn for a key project when it entered negotiation, and the 前期手续 it has done:
 * the stage nodes planned near the days they happened (or a usual span ahead), the procedures between signing and
 * the start; a started project did them all before starting, a signed one some of them (others stay open and
 * light up once overdue).
 */
export function demoMilestones(project: ProjectEntity, createdOn: string, n: number, today: string): DemoNode[] {
  const signed = project.signedAt ? addDays(project.signedAt, jitter(n, 1)) : addDays(createdOn, 75);
  const registered = project.registeredAt ? addDays(project.registeredAt, jitter(n, 2)) : addDays(signed, 45);
  const started = project.startedAt
    ? addDays(project.startedAt, jitter(n, 3))
    : project.plannedStartMonth && `${project.plannedStartMonth}-15` > registered
      ? `${project.plannedStartMonth}-15`
      : addDays(registered, 90);
  const operating = project.operatingAt ? addDays(project.operatingAt, jitter(n, 4)) : addDays(started, 270);
  const procedures: [string, string][] = [
    ['procedure:project_filing', addDays(signed, 20)],
    ['procedure:land', addDays(signed, 45)],
    ['procedure:planning_permit', addDays(started, -45)],
    ['procedure:construction_permit', addDays(started, -15)],
  ];
  const nodes: DemoNode[] = procedures.map(([key, plannedDate], k) => {
    const done = addDays(plannedDate, jitter(n, k + 5));
    if (project.startedAt) return { key, plannedDate, actualDate: earlier(done, addDays(project.startedAt, -1)) };
    if (project.signedAt && n % 3 !== 0 && done <= addDays(today, -3) && done > project.signedAt) {
      return { key, plannedDate, actualDate: done };
    }
    return { key, plannedDate };
  });
  return [
    { key: 'signed', plannedDate: signed },
    { key: 'registered', plannedDate: registered },
    ...nodes,
    { key: 'started', plannedDate: started },
    { key: 'operating', plannedDate: operating },
  ];
}

/**
 * Plans for the demo's live key projects through the milestone service, as their officers: drawn on the day the
 * project entered negotiation, the 前期手续 marked done on the day of the last one done.
 */
@Injectable()
export class DemoMilestonesSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly demo: DemoRepository,
    private readonly projects: ProjectRepository,
    private readonly milestones: MilestoneService,
    private readonly users: UserRepository,
    private readonly clock: BusinessClock,
  ) {}

  async load(): Promise<boolean> {
    if (await this.demo.isLoaded(MILESTONES_DATASET)) return false;
    const today = this.clock.today();
    const [keyProjects] = await this.projects.list({ isKeyProject: true }, 'createdAt', 0, 10_000);
    const live = keyProjects.filter((p) => p.stage !== Stage.Terminated);
    const officers = new Map((await this.users.findByIds(live.map((p) => p.officerId))).map((u) => [u.id, u]));
    for (const [n, project] of live.entries()) {
      const officer = officers.get(project.officerId);
      if (!officer) throw new Error(`demo officer ${project.officerId} is missing`);
      const actor = actorOfUser(officer, { sessionId: 'demo', requestId: `demo-${MILESTONES_DATASET}` });
      const createdOn = earlier(this.clock.dayOf(project.createdAt), today);
      const nodes = demoMilestones(project, createdOn, n, today);
      await this.clock.asOf(createdOn, () =>
        this.milestones.put(actor, project.id, {
          expectedVersion: 0,
          nodes: nodes.map(({ key, plannedDate }) => ({ key, plannedDate })),
        }),
      );
      const done = nodes.filter((node) => node.actualDate);
      if (done.length === 0) continue;
      const lastDone = done.map((node) => node.actualDate as string).sort()[done.length - 1];
      await this.clock.asOf(lastDone, () =>
        this.milestones.put(actor, project.id, { expectedVersion: 1, nodes: done }),
      );
    }
    await this.demo.markLoaded(MILESTONES_DATASET);
    this.logger.log(`Loaded demo data set ${MILESTONES_DATASET} (${live.length} plans)`);
    return true;
  }
}

/**
 * What a leader's project list shows from other domains, which depend on the pipeline and so cannot be imported
 * by it: each declares its side here and provides it (the alerts library provides ProjectAlertSource).
 */

/** A standing red or yellow light on a project. */
export interface ProjectAlertView {
  projectId: string;
  level: 'red' | 'yellow';
  kind: string;
  kindLabel: string;
  since: string;
  overdue: number;
  message: string;
}

/** The alerts standing on projects, from the newest daily computation. */
export abstract class ProjectAlertSource {
  abstract forProjects(projectIds: string[]): Promise<ProjectAlertView[]>;
}

/** A supervision order (督办单) not yet closed that names a project. */
export interface ProjectOrderView {
  projectId: string;
  id: string;
  matter: string;
  dueDate: string;
  status: string;
}

/** The open supervision orders naming projects; the supervision library provides it. */
export abstract class ProjectOpenOrdersSource {
  abstract forProjects(projectIds: string[]): Promise<ProjectOrderView[]>;
}

/**
 * The hook until supervision orders exist: no project has open orders. The supervision library replaces it by
 * providing ProjectOpenOrdersSource itself.
 */
export class NoOpenOrders extends ProjectOpenOrdersSource {
  forProjects(): Promise<ProjectOrderView[]> {
    return Promise.resolve([]);
  }
}

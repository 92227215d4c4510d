import { Actor } from '../auth/actor';
import { Transaction } from '../database/database.service';

/** What another domain may know of a project: enough to file a visit under it. */
export interface ProjectSummary {
  id: string;
  bureauId: string;
  investorId: string;
}

/**
 * The seam through which staff logging files a visit under a project without depending on the pipeline
 * (which depends on it): the pipeline provides the implementation. `null` when the project does not exist
 * or lies outside the actor's bureau.
 */
export abstract class ProjectDirectory {
  abstract find(actor: Actor, projectId: string, tx?: Transaction): Promise<ProjectSummary | null>;

  /** Whether the bureau has a live (not terminated) project on the investor: a ground of its 撞单 claim. */
  abstract hasLiveProject(investorId: string, bureauId: string, tx?: Transaction): Promise<boolean>;

  /** The ids of every project on the investor, in any bureau (a list filtered by company applies its own scope). */
  abstract projectIdsOf(investorId: string): Promise<string[]>;
}

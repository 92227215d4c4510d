import { Injectable } from '@nestjs/common';
import { ProjectProgress, ProjectProgressRepository } from './project-progress.repository';

/** The live projects' stages and dates, for the 督查 alerts: what other libraries read instead of the project tables. */
@Injectable()
export class ProjectProgressService {
  constructor(private readonly progress: ProjectProgressRepository) {}

  /** The projects neither operating nor terminated now. */
  current(): Promise<ProjectProgress[]> {
    return this.progress.liveProjects(null);
  }

  /**
   * The projects neither operating nor terminated at the end of a past day, in the stage they stood in then:
   * stage changes dated after it are not seen.
   */
  asOf(day: string): Promise<ProjectProgress[]> {
    return this.progress.liveProjects(day);
  }
}

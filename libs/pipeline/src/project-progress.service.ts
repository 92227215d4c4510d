import { Injectable } from '@nestjs/common';
import { LandedInvestor, ProjectProgress, ProjectProgressRepository } from './project-progress.repository';

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

  /** Whether the company has a project registered (注册落地) or later, not terminated. */
  async hasLandedProject(investorId: string): Promise<boolean> {
    return (await this.progress.landedInvestors(investorId)).length > 0;
  }

  /** Every company with a project registered or later (the demo's 企业诉求 pick from them). */
  landedInvestors(): Promise<LandedInvestor[]> {
    return this.progress.landedInvestors();
  }
}

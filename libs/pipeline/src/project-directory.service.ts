import { Actor, bureauScopeOf, ProjectDirectory, ProjectSummary, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { ProjectRepository } from './project.repository';

/** The pipeline's side of the seam that lets staff logging file visits under projects. */
@Injectable()
export class PipelineProjectDirectory extends ProjectDirectory {
  constructor(private readonly projects: ProjectRepository) {
    super();
  }

  async find(actor: Actor, projectId: string, tx?: Transaction): Promise<ProjectSummary | null> {
    const project = await this.projects.findById(projectId, bureauScopeOf(actor), tx);
    return project ? { id: project.id, bureauId: project.bureauId, investorId: project.investorId } : null;
  }

  hasLiveProject(investorId: string, bureauId: string, tx?: Transaction): Promise<boolean> {
    return this.projects.hasLive(investorId, bureauId, tx);
  }

  projectIdsOf(investorId: string): Promise<string[]> {
    return this.projects.idsOfInvestor(investorId);
  }
}

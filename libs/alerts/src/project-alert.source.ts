import { ProjectAlertSource, ProjectAlertView } from '@app/pipeline';
import { Injectable } from '@nestjs/common';
import { AlertRepository } from './alert.repository';
import { alertMessage } from './alert.service';
import { ALERT_KIND_LABELS } from './entities/alert.entity';

/** The alerts' side of a 包保 leader's project list (GET /me/projects): the lights standing on the projects. */
@Injectable()
export class AlertProjectSource extends ProjectAlertSource {
  constructor(private readonly alerts: AlertRepository) {
    super();
  }

  async forProjects(projectIds: string[]): Promise<ProjectAlertView[]> {
    return (await this.alerts.forProjects(projectIds)).map((alert) => ({
      projectId: alert.entityId,
      level: alert.level,
      kind: alert.kind,
      kindLabel: ALERT_KIND_LABELS[alert.kind],
      since: alert.since,
      overdue: alert.overdue,
      message: alertMessage(alert),
    }));
  }
}

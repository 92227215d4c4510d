export * from './project.entity';
export * from './project-stage-event.entity';
export * from './project-fund.entity';

export * from './milestone-procedure-kind.entity';
export * from './project-milestone.entity';
export * from './project-milestone-plan.entity';

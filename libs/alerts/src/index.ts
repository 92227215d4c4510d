export * from './alerts.module';
export * from './alert.service';
export * from './entities/alert.entity';
export * from './entities/alert-run.entity';

export * from './demo.module';
export * from './demo-seeder.service';
export * from './demo-data';
export * from './demo-marker.entity';

export * from './demo.module';
export * from './demo-seeder.service';
export * from './demo-data';
export * from './entities/demo-marker.entity';

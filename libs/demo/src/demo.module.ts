import { IdentityModule } from '@app/identity';
import { Module } from '@nestjs/common';
import { DemoSeeder } from './demo-seeder.service';
import { DemoRepository } from './demo.repository';

@Module({
  imports: [IdentityModule],
  providers: [DemoSeeder, DemoRepository],
  exports: [DemoSeeder],
})
export class DemoModule {}

import { DynamicModule, Global, Module } from '@nestjs/common';
import { BusinessClock } from '../time/business-clock';
import { AppConfig, loadConfig } from './app-config';

@Global()
@Module({})
export class ConfigModule {
  /** `config` lets tests and scripts pass settings of their own instead of the environment's. */
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config }, BusinessClock],
      exports: [AppConfig, BusinessClock],
    };
  }
}

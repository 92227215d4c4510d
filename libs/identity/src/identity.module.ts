import { TypeOrmModule } from '@nestjs/typeorm';
import { BureauEntity } from './entities/bureau.entity';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';
import { AppConfig } from '@app/core';
import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccessGuard } from './access.guard';
import { AdminBootstrap } from './admin-bootstrap.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { RateLimitModule, RateLimitStore } from './rate-limit.store';
import { BureauController } from './bureau.controller';
import { BureauRepository } from './bureau.repository';
import { BureauService } from './bureau.service';
import { SessionRepository } from './session.repository';
import { resolveTokenSecret } from './token-secret';
import { UserController } from './user.controller';
import { UserRepository } from './user.repository';
import { OfficerService } from './officer.service';
import { UserService } from './user.service';
import { UserDirectory } from './user-directory.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([BureauEntity, UserEntity, SessionEntity]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // a KeyObject, made once: given a string, jsonwebtoken would first try to parse it as a public key on every call
        const key = createSecretKey(Buffer.from(resolveTokenSecret(config)));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
    RateLimitModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitModule],
      inject: [AppConfig, RateLimitStore],
      // counted in Redis when REDIS_URL is set, so the limit holds across every api process
      useFactory: (config: AppConfig, storage: RateLimitStore) => ({
        throttlers: [{ ttl: 60_000, limit: config.LOGIN_RATE_LIMIT_PER_MINUTE }],
        storage,
      }),
    }),
  ],
  controllers: [AuthController, UserController, BureauController],
  providers: [
    AuthService,
    PasswordHasher,
    UserService,
    BureauService,
    AdminBootstrap,
    UserRepository,
    UserDirectory,
    BureauRepository,
    SessionRepository,
    OfficerService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [
    AdminBootstrap,
    UserRepository,
    UserDirectory,
    BureauRepository,
    AuthService,
    PasswordHasher,
    OfficerService,
  ],
})
export class IdentityModule {}

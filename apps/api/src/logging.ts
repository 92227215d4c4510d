import { AppConfig } from '@app/core';
import { DynamicModule } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { hostname } from 'node:os';
import { LoggerModule } from 'nestjs-pino';
import pino, { Logger as Pino } from 'pino';

/** The api process's one pino logger: JSON lines; credentials never reach a log line. */
export function createRootLogger(config: AppConfig): Pino {
  return pino({
    level: config.LOG_LEVEL,
    base: { pid: process.pid, hostname: hostname(), service: 'haizhou-crm' },
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password', 'req.body.refreshToken'],
  });
}

/**
 * Nest's own logger writes through the root logger. No per-request middleware: the request log is a Fastify
 * hook (`logRequests`), and an error's log line names its request id itself.
 */
export function loggerModule(logger: Pino): DynamicModule {
  return LoggerModule.forRoot({ forRoutes: [], pinoHttp: { logger } });
}

/** One line per request when its response has gone: request id, method, url, status and time taken. */
export function logRequests(fastify: FastifyInstance, logger: Pino): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    if (logger.isLevelEnabled(level)) {
      logger[level](
        {
          req: { id: request.id, method: request.method, url: request.url },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}

import { AppConfig } from '@app/core';
import { DynamicModule, LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { hostname } from 'node:os';
import { LoggerModule } from 'nestjs-pino';
import pino, { Logger as Pino } from 'pino';
import pretty from 'pino-pretty';

/** Where the log goes: standard output, which may be a terminal. */
export type Terminal = NodeJS.WritableStream & { isTTY?: boolean };

/** Whether the log is for a person at a terminal: LOG_FORMAT, or on `auto` whether standard output is one. */
export function prettyLogs(config: AppConfig, stdout: Terminal = process.stdout): boolean {
  return config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && stdout.isTTY === true);
}

/**
 * The api process's one pino logger; credentials never reach a log line. JSON lines for servers and collectors,
 * written to standard output asynchronously: a request's line is queued and written after it, not on the request's
 * own time (see `flushLog`, which the graceful stop calls, and pino's own flush when the process exits). In a
 * terminal, pino-pretty in the same thread writes one short line per entry (written at once, so nothing is lost
 * when the process exits).
 */
export function createRootLogger(config: AppConfig, terminal: Terminal = process.stdout): Pino {
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    base: { pid: process.pid, hostname: hostname(), service: 'haizhou-crm' },
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password', 'req.body.refreshToken'],
  };
  if (!prettyLogs(config, terminal)) return pino(options, pino.destination({ dest: 1, sync: false }));
  return pino(
    options,
    pretty({
      destination: terminal,
      sync: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,service,context,req,res,responseTime',
      messageFormat: terminalLine,
    }),
  );
}

/**
 * Writes out what the logger has queued, synchronously, so that the lines logged just before an exit reach
 * standard output. Safe to call on any logger (a synchronous destination has nothing queued).
 */
export function flushLog(logger: Pino): void {
  const stream = (logger as Pino & { [pino.symbols.streamSym]?: { flushSync?: () => void } })[pino.symbols.streamSym];
  try {
    stream?.flushSync?.();
  } catch {
    // a destination not yet open, or already closed, has nothing left to write
  }
}

/** `GET /api/v1/leads 200 12 ms` for a request, `[Context] message` for the rest. */
function terminalLine(log: Record<string, unknown>, messageKey: string): string {
  const req = log.req as { method?: string; url?: string } | undefined;
  const res = log.res as { statusCode?: number } | undefined;
  if (req && res && typeof log.responseTime === 'number') {
    return `${req.method} ${req.url} ${res.statusCode} ${log.responseTime} ms`;
  }
  const context = typeof log.context === 'string' ? `[${log.context}] ` : '';
  return `${context}${String(log[messageKey] ?? '')}`;
}

/**
 * Nest's own logger writes through the root logger. No per-request middleware: the request log is a Fastify
 * hook (`logRequests`), and an error's log line names its request id itself.
 */
export function loggerModule(logger: Pino): DynamicModule {
  return LoggerModule.forRoot({ forRoutes: [], pinoHttp: { logger } });
}

/** Nest's start-up reports: each module, route and the start itself, a hundred lines at every start. */
const FRAMEWORK_START_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/**
 * Nest's logger, with the framework's start-up reports at debug rather than info: the start prints what a person
 * needs (see main), and the routes are in /docs. LOG_LEVEL=debug shows them again.
 */
export class QuietStartLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && FRAMEWORK_START_CONTEXTS.has(context)) this.inner.debug?.(message, ...rest);
    else this.inner.log(message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.inner.fatal?.(message, ...rest);
  }
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

import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { IdempotentReplay } from './idempotency.exception';

/** Sends a stored answer again, marked with `Idempotent-Replayed: true`. */
@Catch(IdempotentReplay)
export class IdempotentReplayFilter implements ExceptionFilter<IdempotentReplay> {
  catch(replay: IdempotentReplay, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(replay.status).header('idempotent-replayed', 'true');
    if (replay.location) void reply.header('location', replay.location);
    void reply.send(replay.body);
  }
}

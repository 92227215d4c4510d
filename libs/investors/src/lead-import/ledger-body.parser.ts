import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MEDIA_TYPE = 'text/csv';
const LEDGER_BODY_LIMIT = 10 * 1024 * 1024;

/**
 * Lets Fastify accept a ledger uploaded as the request body (XLSX or CSV), handed to the route as a Buffer.
 * A raw body keeps the upload one plain request; JSON routes keep their own, smaller limit.
 */
@Injectable()
export class LedgerBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addContentTypeParser) return;
    for (const type of [XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE, 'application/octet-stream']) {
      if (fastify.hasContentTypeParser(type)) continue;
      fastify.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: LEDGER_BODY_LIMIT }, (_request, body, done) =>
        done(null, body),
      );
    }
  }
}

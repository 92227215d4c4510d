import Busboy, { BusboyHeaders, BusboyInstance } from '@fastify/busboy';
import { Injectable, OnModuleInit, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { InvestorsException, InvestorsExceptionCode as Code } from '../investors.exception';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MEDIA_TYPE = 'text/csv';
export const MULTIPART_MEDIA_TYPE = 'multipart/form-data';
/** The form field that carries the ledger in a multipart upload. */
export const LEDGER_FIELD = 'file';
const LEDGER_BODY_LIMIT = 10 * 1024 * 1024;
/** Room for the boundaries and part headers around the file of a multipart upload. */
const FORM_OVERHEAD = 64 * 1024;

/** Fastify route config of the routes that take a ledger upload (`@RouteConfig(LEDGER_UPLOAD)`). */
export const LEDGER_UPLOAD = { ledgerUpload: true };

/** Media types a browser may give a ledger file part (Windows with Excel calls a .csv application/vnd.ms-excel). */
const LEDGER_PART_TYPES = [XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE, 'application/vnd.ms-excel', 'application/octet-stream'];

/**
 * Lets Fastify accept a ledger uploaded as the request body (XLSX or CSV), or as the one file field `file` of a
 * multipart/form-data form (what a browser's file input sends), handed to the route as a Buffer either way.
 * JSON routes keep their own, smaller limit; other routes refuse a multipart body as before.
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
    if (!fastify.hasContentTypeParser(MULTIPART_MEDIA_TYPE)) {
      fastify.addContentTypeParser(
        MULTIPART_MEDIA_TYPE,
        { parseAs: 'buffer', bodyLimit: LEDGER_BODY_LIMIT + FORM_OVERHEAD },
        (request, body, done) => {
          if (!isLedgerUpload(request)) {
            done(new UnsupportedMediaTypeException('此接口不接受 multipart/form-data'), undefined);
            return;
          }
          formFile(request.headers, body as Buffer).then(
            (file) => done(null, file),
            (error: Error) => done(error, undefined),
          );
        },
      );
    }
  }
}

function isLedgerUpload(request: FastifyRequest): boolean {
  return (request.routeOptions.config as Partial<typeof LEDGER_UPLOAD> | undefined)?.ledgerUpload === true;
}

/** The contents of the one file field `file` of a multipart form; anything else is a 4xx that says what to send. */
export function formFile(headers: IncomingHttpHeaders, body: Buffer): Promise<Buffer> {
  const invalid = (message: string) => new InvestorsException(Code.ImportFileInvalid, message);
  const truncated = () => invalid('multipart/form-data 内容不完整或格式不正确');
  return new Promise((resolve, reject) => {
    let form: BusboyInstance;
    try {
      form = Busboy({
        headers: headers as BusboyHeaders,
        limits: { fileSize: LEDGER_BODY_LIMIT, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
      });
    } catch {
      reject(invalid('multipart/form-data 请求缺少 boundary，无法读取'));
      return;
    }
    let file: Buffer | null = null;
    let problem: Error | null = null;
    const refuse = (error: Error) => (problem ??= error);
    form.on('file', (field, stream, filename, _encoding, mimeType) => {
      const wrong =
        field !== LEDGER_FIELD
          ? `台账文件应放在表单字段 ${LEDGER_FIELD} 中，收到的字段是 ${field}`
          : ledgerPartProblem(filename, mimeType);
      // a part cut short: an unhandled error of its stream would take the process down
      stream.on('error', () => reject(truncated()));
      if (wrong) {
        refuse(invalid(wrong));
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => refuse(new PayloadTooLargeException('台账文件不能超过 10 MB')));
      stream.on('end', () => {
        if (!stream.truncated) file = Buffer.concat(chunks);
      });
    });
    form.on('filesLimit', () => refuse(invalid('一次只能上传一个台账文件')));
    form.on('partsLimit', () => refuse(invalid('表单字段过多')));
    form.on('fieldsLimit', () => refuse(invalid('表单字段过多')));
    form.on('error', () => reject(truncated()));
    form.on('finish', () => {
      if (problem) reject(problem);
      else if (!file) reject(invalid(`请在表单字段 ${LEDGER_FIELD} 中上传台账文件（XLSX 或 CSV）`));
      else resolve(file);
    });
    form.end(body);
  });
}

/** Why a form part is not a ledger file, judged by the file name's extension, else by its media type. */
export function ledgerPartProblem(filename: string | undefined, mimeType: string | undefined): string | null {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(filename ?? '')?.[1]?.toLowerCase();
  if (extension === 'xlsx' || extension === 'csv') return null;
  if (extension === 'xls') return '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后上传';
  if (!extension && LEDGER_PART_TYPES.includes((mimeType ?? '').toLowerCase())) return null;
  return `只能上传 XLSX 或 CSV 台账文件，收到的是 ${filename || mimeType || '未知类型'}`;
}

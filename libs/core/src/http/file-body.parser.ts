import Busboy, { BusboyHeaders, BusboyInstance } from '@fastify/busboy';
import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnModuleInit,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';

export const MULTIPART_MEDIA_TYPE = 'multipart/form-data';
/** Room for the boundaries and part headers around the file of a multipart upload. */
const FORM_OVERHEAD = 64 * 1024;

/** What a module that takes file uploads says about them. */
export interface FileUploadOptions {
  /** Media types accepted as the request body itself. */
  mediaTypes: string[];
  /** The form field that carries the file in a multipart upload. */
  field: string;
  maxBytes: number;
  /** What the file is, for messages: `台账文件`. */
  label: string;
  /** The formats it may have, for messages: `XLSX 或 CSV`. */
  formats: string;
  /** Why a form part is not such a file, from its file name and media type; null when it is. */
  partProblem: (filename: string | undefined, mimeType: string | undefined) => string | null;
  /** The module's own 400 for a body that carries no usable file. */
  invalid: (message: string) => Error;
}

const FILE_UPLOAD = Symbol('FILE_UPLOAD');

/** Fastify route config of the routes that take the upload (`@RouteConfig(FILE_UPLOAD_ROUTE)`). */
export const FILE_UPLOAD_ROUTE = { fileUpload: true };

/**
 * Lets Fastify accept a file uploaded as the request body, or as the one file field of a multipart/form-data
 * form (what a browser's file input sends), handed to the route as a Buffer either way. JSON routes keep their
 * own, smaller limit; routes without FILE_UPLOAD_ROUTE refuse a multipart body. Fastify keeps one parser per
 * media type: the first module to register an upload sets the limits.
 */
@Injectable()
export class FileBodyParser implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(FILE_UPLOAD) private readonly upload: FileUploadOptions,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addContentTypeParser) return;
    for (const type of this.upload.mediaTypes) {
      if (fastify.hasContentTypeParser(type)) continue;
      fastify.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: this.upload.maxBytes },
        (_request, body, done) => done(null, body),
      );
    }
    if (!fastify.hasContentTypeParser(MULTIPART_MEDIA_TYPE)) {
      fastify.addContentTypeParser(
        MULTIPART_MEDIA_TYPE,
        { parseAs: 'buffer', bodyLimit: this.upload.maxBytes + FORM_OVERHEAD },
        (request, body, done) => {
          if (!takesUpload(request)) {
            done(new UnsupportedMediaTypeException('此接口不接受 multipart/form-data'), undefined);
            return;
          }
          formFile(this.upload, request.headers, body as Buffer).then(
            (file) => done(null, file),
            (error: Error) => done(error, undefined),
          );
        },
      );
    }
  }
}

/** The module that registers a file upload's body parsers: `FileBodyModule.register({ … })` in the importing module. */
@Module({})
export class FileBodyModule {
  static register(upload: FileUploadOptions): DynamicModule {
    return { module: FileBodyModule, providers: [{ provide: FILE_UPLOAD, useValue: upload }, FileBodyParser] };
  }
}

function takesUpload(request: FastifyRequest): boolean {
  return (request.routeOptions.config as Partial<typeof FILE_UPLOAD_ROUTE> | undefined)?.fileUpload === true;
}

/** The contents of the one file field of a multipart form; anything else is a 4xx that says what to send. */
export function formFile(upload: FileUploadOptions, headers: IncomingHttpHeaders, body: Buffer): Promise<Buffer> {
  const { field, label, invalid } = upload;
  const truncated = () => invalid('multipart/form-data 内容不完整或格式不正确');
  return new Promise((resolve, reject) => {
    let form: BusboyInstance;
    try {
      form = Busboy({
        headers: headers as BusboyHeaders,
        limits: { fileSize: upload.maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
      });
    } catch {
      reject(invalid('multipart/form-data 请求缺少 boundary，无法读取'));
      return;
    }
    let file: Buffer | null = null;
    let problem: Error | null = null;
    const refuse = (error: Error) => (problem ??= error);
    form.on('file', (name, stream, filename, _encoding, mimeType) => {
      const wrong =
        name !== field
          ? `${label}应放在表单字段 ${field} 中，收到的字段是 ${name}`
          : upload.partProblem(filename, mimeType);
      // a part cut short: an unhandled error of its stream would take the process down
      stream.on('error', () => reject(truncated()));
      if (wrong) {
        refuse(invalid(wrong));
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () =>
        refuse(new PayloadTooLargeException(`${label}不能超过 ${upload.maxBytes / 1024 / 1024} MB`)),
      );
      stream.on('end', () => {
        if (!stream.truncated) file = Buffer.concat(chunks);
      });
    });
    form.on('filesLimit', () => refuse(invalid(`一次只能上传一个${label}`)));
    form.on('partsLimit', () => refuse(invalid('表单字段过多')));
    form.on('fieldsLimit', () => refuse(invalid('表单字段过多')));
    form.on('error', () => reject(truncated()));
    form.on('finish', () => {
      if (problem) reject(problem);
      else if (!file) reject(invalid(`请在表单字段 ${field} 中上传${label}（${upload.formats}）`));
      else resolve(file);
    });
    form.end(body);
  });
}

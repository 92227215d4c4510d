import { loadConfig } from '@app/core';
import type { OpenAPIObject, OperationObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { createOpenApiDocument, previewApiApp } from './openapi-document';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PUBLIC_ROUTES = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
];
const PROBES = ['GET /health', 'GET /health/live', 'GET /health/ready'];

function operationsOf(document: OpenAPIObject): [string, OperationObject][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map(
      (method) => [`${method.toUpperCase()} ${path}`, item[method]!] as [string, OperationObject],
    ),
  );
}

/** A response as the reader sees it: a shared one from components, or the operation's own. */
function resolve(document: OpenAPIObject, response: ResponseObject | ReferenceObject): ResponseObject {
  if (!('$ref' in response)) return response;
  const name = response.$ref.replace('#/components/responses/', '');
  return document.components!.responses![name] as ResponseObject;
}

describe(createOpenApiDocument.name, () => {
  let document: OpenAPIObject;
  let operations: [string, OperationObject][];
  beforeAll(async () => {
    const app = await previewApiApp(loadConfig({ LOG_LEVEL: 'silent' }));
    document = createOpenApiDocument(app);
    operations = operationsOf(document);
  });

  it('names the server the document is served from', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('gives every operation security: bearer when signed in, none on the public routes', () => {
    expect(operations.length).toBeGreaterThan(50);
    const publicOnes = operations.filter(([, operation]) => operation.security?.length === 0).map(([name]) => name);
    expect(publicOnes.sort()).toEqual([...PUBLIC_ROUTES].sort());
    for (const [name, operation] of operations) {
      if (!PUBLIC_ROUTES.includes(name))
        expect({ name, security: operation.security }).toEqual({ name, security: [{ bearer: [] }] });
    }
    expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('gives every operation but the health probes a 4xx answer, each with the error body and its requestId', () => {
    const errorBody = document.components!.schemas!.ErrorBody as SchemaObject;
    expect(errorBody.required).toEqual(expect.arrayContaining(['statusCode', 'code', 'message', 'requestId']));
    for (const [name, operation] of operations) {
      const errors = Object.entries(operation.responses).filter(([status]) => /^4\d\d$/.test(status));
      if (PROBES.includes(name)) continue;
      expect({ name, statuses: errors.length > 0 }).toEqual({ name, statuses: true });
      for (const [status, response] of errors) {
        const schema = resolve(document, response!).content?.['application/json']?.schema;
        expect({ name, status, schema }).toEqual({ name, status, schema: { $ref: '#/components/schemas/ErrorBody' } });
      }
    }
  });

  it('gives the answers each kind of route can give: 401/403 signed in, 404 with a path id, 400 with input, 409/422 with an Idempotency-Key, 429 rate-limited', () => {
    const statuses = (name: string) => {
      const found = operations.find(([n]) => n === name);
      return Object.keys(found![1].responses)
        .filter((status) => status.startsWith('4'))
        .sort();
    };
    expect(statuses('GET /api/v1/bureaus')).toEqual(['401', '403']);
    expect(statuses('GET /api/v1/leads/{id}')).toEqual(['400', '401', '403', '404']);
    expect(statuses('POST /api/v1/visits')).toEqual(['400', '401', '403', '409', '422']);
    expect(statuses('POST /api/v1/auth/login')).toEqual(['400', '401', '423', '429']);
    // a route's own 409 keeps its codes and gains the Idempotency-Key's
    const create = operations.find(([n]) => n === 'POST /api/v1/leads')![1].responses['409'] as ResponseObject;
    expect(create.description).toContain('DUPLICATE_LEAD');
    expect(create.description).toContain('IDEMPOTENCY_REQUEST_IN_PROGRESS');
  });

  it('types the record ids in paths as UUIDs, which is what ParseIdPipe accepts', () => {
    const contact = operations.find(([n]) => n === 'PATCH /api/v1/investors/{id}/contacts/{contactId}')![1];
    expect(contact.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', schema: { type: 'string', format: 'uuid' } }),
      expect.objectContaining({ name: 'contactId', in: 'path', schema: { type: 'string', format: 'uuid' } }),
    ]);
  });

  it('gives unique operation ids and a description for every tag used', () => {
    const ids = operations.map(([, operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const described = new Map((document.tags ?? []).map((tag) => [tag.name, tag.description]));
    for (const tag of new Set(operations.flatMap(([, operation]) => operation.tags ?? []))) {
      expect({ tag, description: described.get(tag) }).toEqual({ tag, description: expect.stringMatching(/\S/) });
    }
  });

  it('describes the ledger upload as a form with a binary file, or as the file itself', () => {
    const body = operations.find(([n]) => n === 'POST /api/v1/imports/leads')![1].requestBody as {
      content: Record<string, { schema: SchemaObject }>;
    };
    expect(body.content['multipart/form-data'].schema).toMatchObject({
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    });
    for (const type of [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
      'application/octet-stream',
    ]) {
      expect(body.content[type].schema).toMatchObject({ type: 'string', format: 'binary' });
    }
  });

  it('types a nullable field as what it holds: a string or number is never an untyped object', () => {
    const untyped: string[] = [];
    for (const [name, schema] of Object.entries(document.components!.schemas!) as [string, SchemaObject][]) {
      for (const [property, field] of Object.entries(schema.properties ?? {}) as [string, SchemaObject][]) {
        const described = field.properties || field.allOf || (typeof field.example === 'object' && field.example);
        if (field.nullable && field.type === 'object' && !described) untyped.push(`${name}.${property}`);
      }
    }
    expect(untyped).toEqual([]);
  });
});

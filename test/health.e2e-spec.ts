import { isValidUscc } from '@app/investors';
import { createOpenApiDocument, previewApiApp } from '../apps/api/src/openapi/openapi-document';
import { createTestApp, TestApp } from './support/test-app';

describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports the database up without signing in', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.body.database.status).toBe('up');
    expect(response.body.status).toMatch(/ok|degraded/);
    expect(response.headers['x-request-id']).toBeDefined();
  });

  it('serves the OpenAPI document', async () => {
    const response = await t.http.get('/docs/openapi.json').expect(200);
    expect(response.body.info.title).toBe('海州招商 CRM API');
    expect(Object.keys(response.body.paths)).toContain('/api/v1/auth/login');
  });

  it('serves the document that npm run openapi writes without a server', async () => {
    const response = await t.http.get('/docs/openapi.json').expect(200);
    const written = createOpenApiDocument(await previewApiApp(t.config));
    expect(response.body).toEqual(JSON.parse(JSON.stringify(written)));
  });

  it('gives only 统一社会信用代码 examples whose check character checks out', async () => {
    const response = await t.http.get('/docs/openapi.json').expect(200);
    const codes = [...JSON.stringify(response.body).matchAll(/"([0-9A-HJ-NP-RTUW-Y]{18})"/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(3);
    expect(codes.filter((code) => !isValidUscc(code))).toEqual([]);
  });
});

/**
 * The export measured in a process of its own: `fork()`ed by bench.ts with the api's settings, it starts the
 * api, signs in, downloads one weekly report as XLSX and sends back the time and the peak resident set size,
 * so that the figure is what an api process serving the export needs, not what earlier steps left behind.
 */
import 'reflect-metadata';
import { loadConfig } from '@app/core';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createApiApp } from '../../bootstrap';
import { peakRss, timed } from './measure';

export interface ExportProbeRequest {
  settings: Record<string, string>;
  username: string;
  password: string;
  week: string;
}

export interface ExportProbeResult {
  milliseconds: number;
  peakMiB: number;
  startMiB: number;
}

process.once('message', (request: ExportProbeRequest) => {
  void probe(request).then(
    (result) => process.send?.(result),
    (error: unknown) => process.send?.({ error: String(error) }),
  );
});

async function probe(request: ExportProbeRequest): Promise<ExportProbeResult> {
  const app = await createApiApp(loadConfig(request.settings));
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = await app.getUrl();
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: request.username, password: request.password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const startMiB = process.memoryUsage.rss() / 1024 / 1024;
    const [milliseconds, peakMiB] = await peakRss(async () => {
      const [, ms] = await timed(async () => {
        const response = await fetch(`${base}/api/v1/reports/weekly/${request.week}/export?format=xlsx`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        if (!response.ok || !response.body) throw new Error(`export: ${response.status}`);
        await pipeline(
          response.body as unknown as NodeJS.ReadableStream,
          new Writable({ write: (_chunk, _encoding, done) => done() }),
        );
      });
      return ms;
    });
    return { milliseconds, peakMiB, startMiB };
  } finally {
    await app.close();
  }
}

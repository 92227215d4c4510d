import { loadConfig } from '@app/core';
import { LoggerService } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { createRootLogger, prettyLogs, QuietStartLogger, Terminal } from './logging';

function terminal(isTTY: boolean): Terminal & { text(): string } {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; text(): string };
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  stream.isTTY = isTTY;
  // eslint-disable-next-line no-control-regex
  stream.text = () => chunks.join('').replace(/\u001b\[[0-9;]*m/g, '');
  return stream;
}

describe(prettyLogs.name, () => {
  it('is pretty in a terminal and JSON elsewhere on auto, whatever the terminal when LOG_FORMAT says', () => {
    expect(prettyLogs(loadConfig({}), terminal(true))).toBe(true);
    expect(prettyLogs(loadConfig({}), terminal(false))).toBe(false);
    expect(prettyLogs(loadConfig({ LOG_FORMAT: 'json' }), terminal(true))).toBe(false);
    expect(prettyLogs(loadConfig({ LOG_FORMAT: 'pretty' }), terminal(false))).toBe(true);
  });
});

describe(createRootLogger.name, () => {
  it('writes one short line per request and per message in a terminal', () => {
    const out = terminal(true);
    const logger = createRootLogger(loadConfig({}), out);
    logger.info(
      { req: { id: 'r1', method: 'GET', url: '/api/v1/leads' }, res: { statusCode: 200 }, responseTime: 12 },
      'request completed',
    );
    logger.info({ context: 'Demo' }, 'Loaded demo data set users-v1');
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/v1\/leads 200 12 ms$/),
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\] INFO: \[Demo\] Loaded demo data set users-v1$/),
    ]);
  });

  it('keeps the error and its stack under its line', () => {
    const out = terminal(true);
    createRootLogger(loadConfig({}), out).error({ err: new Error('boom'), context: 'Errors' }, 'Unhandled error');
    expect(out.text()).toContain('ERROR: [Errors] Unhandled error');
    expect(out.text()).toContain('Error: boom');
  });
});

describe(QuietStartLogger.name, () => {
  function recorder() {
    const calls: [string, unknown[]][] = [];
    const record =
      (level: string) =>
      (...args: unknown[]) =>
        void calls.push([level, args]);
    const inner: LoggerService = {
      log: record('log'),
      error: record('error'),
      warn: record('warn'),
      debug: record('debug'),
    };
    return { calls, logger: new QuietStartLogger(inner) };
  }

  it("puts Nest's start-up reports at debug and everything else where it was", () => {
    const { calls, logger } = recorder();
    logger.log('Mapped {/api/v1/leads, GET} route', 'RouterExplorer');
    logger.log('LeadsModule dependencies initialized', 'InstanceLoader');
    logger.log('Loaded demo data set users-v1', 'Demo');
    logger.warn('Audit chain head signed', 'Audit');
    expect(calls).toEqual([
      ['debug', ['Mapped {/api/v1/leads, GET} route', 'RouterExplorer']],
      ['debug', ['LeadsModule dependencies initialized', 'InstanceLoader']],
      ['log', ['Loaded demo data set users-v1', 'Demo']],
      ['warn', ['Audit chain head signed', 'Audit']],
    ]);
  });
});

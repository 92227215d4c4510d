import { ConfigError, loadConfig, QueueDriverName } from './app-config';

describe(loadConfig.name, () => {
  it('runs on the embedded default with no settings at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './.data', APP_TIME_ZONE: 'Asia/Shanghai', embedded: true });
    expect(config.queueDriver).toBe(QueueDriverName.InProcess);
    expect(config.loadDemoData).toBe(true);
    expect(config.SUPERVISION_ESCALATE_DAYS).toBe(3);
  });

  it('uses PostgreSQL and Bull when their URLs are given', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/crm',
      REDIS_URL: 'redis://r:6379',
      JWT_SECRET: 's'.repeat(32),
    });
    expect(config.embedded).toBe(false);
    expect(config.queueDriver).toBe(QueueDriverName.Bull);
    expect(config.loadDemoData).toBe(false);
    expect(config.runJobsInApi).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ QUEUE_DRIVER: 'kafka' }, 'QUEUE_DRIVER: QUEUE_DRIVER must be one of: bull, inprocess'],
    [{ QUEUE_DRIVER: 'bull' }, 'QUEUE_DRIVER: bull needs REDIS_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://u@h/db' }, 'JWT_SECRET'],
    [{ DATABASE_READ_URL: 'postgres://u@replica/db' }, 'DATABASE_READ_URL: needs DATABASE_URL'],
    [
      { DATABASE_URL: 'postgres://u@h/db', DATABASE_READ_URL: 'mysql://x', JWT_SECRET: 's'.repeat(32) },
      'DATABASE_READ_URL must look like postgres://',
    ],
    [{ AUDIT_RETENTION_DAYS: '30' }, 'AUDIT_RETENTION_DAYS must be at least 180'],
    [{ APP_TIME_ZONE: 'Mars/Olympus' }, 'APP_TIME_ZONE'],
    [{ MILESTONE_RED_DAYS: '0' }, 'MILESTONE_RED_DAYS'],
    [{ MILESTONE_RED_DAYS: 'fifteen' }, 'MILESTONE_RED_DAYS'],
    [{ SESSION_IDLE_TIMEOUT_SECONDS: '5' }, 'SESSION_IDLE_TIMEOUT_SECONDS'],
    [{ TRUSTED_PROXIES: '10.0.0.1, example.com' }, 'TRUSTED_PROXIES: not an address or CIDR: example.com'],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES'],
    [{ DOCS_PUBLIC: 'yes' }, 'DOCS_PUBLIC'],
    [{ SUPERVISION_ESCALATE_DAYS: '0' }, 'SUPERVISION_ESCALATE_DAYS'],
    [{ SUPERVISION_ESCALATE_DAYS: 'three' }, 'SUPERVISION_ESCALATE_DAYS'],
    [{ LOG_FORMAT: 'text' }, 'LOG_FORMAT must be one of: auto, pretty, json'],
    [{ EMBEDDED_TEMPLATE: '/tmp/t.tar' }, 'EMBEDDED_TEMPLATE: only for tests'],
    [{ PASSWORD_HASH_MEMORY_KIB: '1024' }, "PASSWORD_HASH_MEMORY_KIB: below OWASP's minimum of 19456"],
    [{ PASSWORD_HASH_MEMORY_KIB: '1024', NODE_ENV: 'production' }, 'PASSWORD_HASH_MEMORY_KIB'],
    [{ EMBEDDED_TEMPLATE: '/tmp/t.tar', DATA_DIR: 'memory://', NODE_ENV: 'production' }, 'EMBEDDED_TEMPLATE'],
    [
      { EMBEDDED_TEMPLATE: '/tmp/t.tar', DATABASE_URL: 'postgres://u@h/db', JWT_SECRET: 's'.repeat(32) },
      'EMBEDDED_TEMPLATE',
    ],
  ])('stops with one line naming the variable for %j', (env, expected) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toContain(expected);
      expect((error as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('turns a milestone red 15 days past its plan unless told otherwise', () => {
    expect(loadConfig({}).MILESTONE_RED_DAYS).toBe(15);
    expect(loadConfig({ MILESTONE_RED_DAYS: '30' }).MILESTONE_RED_DAYS).toBe(30);
  });

  it('trusts no proxy by default and parses a list of addresses and CIDRs', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: ' 10.0.0.5, 192.168.1.0/24,::1 ' }).trustedProxies).toEqual([
      '10.0.0.5',
      '192.168.1.0/24',
      '::1',
    ]);
  });

  it('gives each request kind its due days, overridden kind by kind by REQUEST_DUE_DAYS', () => {
    expect(loadConfig({}).requestDueDays).toEqual({
      land: 30,
      approval: 15,
      utilities: 10,
      financing: 20,
      labour: 15,
      policy: 20,
      other: 15,
    });
    expect(loadConfig({ REQUEST_DUE_DAYS: 'land=45, utilities=5' }).requestDueDays).toMatchObject({
      land: 45,
      utilities: 5,
      approval: 15,
    });
    expect(() => loadConfig({ REQUEST_DUE_DAYS: 'roads=10' })).toThrow(/REQUEST_DUE_DAYS: unknown kind roads/);
    expect(() => loadConfig({ REQUEST_DUE_DAYS: 'land=0' })).toThrow(/at least 1 day/);
    expect(() => loadConfig({ REQUEST_DUE_DAYS: 'land:30' })).toThrow(/kind=days pairs/);
  });

  it('serves /docs by default except in production', () => {
    expect(loadConfig({}).docsPublic).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).docsPublic).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DOCS_PUBLIC: 'true' }).docsPublic).toBe(true);
  });

  it('reads LOG_FORMAT, auto by default', () => {
    expect(loadConfig({}).LOG_FORMAT).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'json' }).LOG_FORMAT).toBe('json');
  });

  it("hashes passwords at OWASP's minimum by default, and lower only in tests", () => {
    expect(loadConfig({}).PASSWORD_HASH_MEMORY_KIB).toBe(19456);
    expect(loadConfig({ PASSWORD_HASH_MEMORY_KIB: '1024', NODE_ENV: 'test' }).PASSWORD_HASH_MEMORY_KIB).toBe(1024);
    expect(loadConfig({ PASSWORD_HASH_MEMORY_KIB: '65536', NODE_ENV: 'production' }).PASSWORD_HASH_MEMORY_KIB).toBe(
      65536,
    );
  });

  it('takes an embedded template for an in-memory database outside production', () => {
    expect(loadConfig({ EMBEDDED_TEMPLATE: '/tmp/t.tar', DATA_DIR: 'memory://' }).EMBEDDED_TEMPLATE).toBe('/tmp/t.tar');
  });

  it('ignores environment variables that are not settings', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', HOME: '/root' })).not.toThrow();
  });
});

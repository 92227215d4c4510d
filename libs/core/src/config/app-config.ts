import { plainToInstance, Transform } from 'class-transformer';
import { isIP } from 'node:net';
import { IN_MEMORY } from '../database/embedded-postgres';
import {
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  ValidateIf,
} from 'class-validator';

export enum QueueDriverName {
  Bull = 'bull',
  InProcess = 'inprocess',
}

/** OWASP's minimum memory for argon2id with two passes and one lane (m=19456 KiB, t=2, p=1). */
export const ARGON2_MIN_MEMORY_KIB = 19_456;

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every setting of the CRM, read from the environment once at boot.
 * `.env.example` and the README list the same variables; keep the three in step.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL server; when absent the embedded PGlite database in DATA_DIR is used. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must look like postgres://user@host:5432/db' })
  DATABASE_URL?: string;

  /**
   * A streaming replica of DATABASE_URL's server. When set, the reads that may lag (lists, rankings,
   * drilldowns, the funnel, the report listing) go to it; every write, transaction and other read stays on
   * DATABASE_URL.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_READ_URL must look like postgres://user@replica-host:5432/db',
  })
  DATABASE_READ_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = './.data';

  /**
   * For tests: a PGlite data-folder dump (`EmbeddedPostgres.dump`) that an in-memory embedded database
   * (DATA_DIR=memory://) starts from instead of an empty cluster. Refused in production and with any other DATA_DIR.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  EMBEDDED_TEMPLATE?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL?: string;

  /** `bull` needs REDIS_URL; defaults to bull when REDIS_URL is set, in-process otherwise. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEnum(QueueDriverName, { message: 'QUEUE_DRIVER must be one of: bull, inprocess' })
  QUEUE_DRIVER?: QueueDriverName;

  /** Key prefix of the queues in Redis, so that several installations can share one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'QUEUE_PREFIX must be 1–40 letters, digits, _ or -' })
  QUEUE_PREFIX = 'crm';

  /** Whether the api process also runs the job processors (always true for the in-process driver). */
  @Transform(({ value }) =>
    value === undefined || value === '' ? undefined : value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsOptional()
  @IsIn([true, false], { message: 'RUN_JOBS_IN_API must be true or false' })
  RUN_JOBS_IN_API?: boolean;

  @ValidateIf((c: AppConfig) => c.DATABASE_URL !== undefined || c.JWT_SECRET !== undefined)
  @IsString({ message: 'JWT_SECRET is required with DATABASE_URL (at least 32 characters)' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /**
   * The key of the audit chain's HMAC seals, kept outside the database (an attacker with SQL access alone
   * cannot forge a seal). Required on a server; on the embedded default one is generated into DATA_DIR.
   * The requirement is checked where the audit log starts (see resolveAuditKey), not here: the migration
   * tools connect to a server without it.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUDIT_HMAC_KEY must be at least 32 characters' })
  AUDIT_HMAC_KEY?: string;

  /**
   * A file outside the database where each seal writes the audit chain's ends (embedded default:
   * DATA_DIR/audit-checkpoint.json); verification compares the table with it.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AUDIT_CHECKPOINT_FILE?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(300)
  REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  SESSION_IDLE_TIMEOUT_SECONDS = 1800;

  /**
   * How long one API process trusts a session it has checked (and a token whose signature it verified)
   * before checking again. A logout or a disabled account takes effect at once in the process that handled
   * it, and within this many seconds in the others; 0 checks the database on every request.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  SESSION_CACHE_SECONDS = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LOCK_MINUTES = 30;

  /** Days without a visit after which a chain's target company counts as not visited (the coverage's gap). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  CHAIN_TARGET_STALE_DAYS = 90;

  /** Sign-in attempts allowed per client address per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 20;

  /**
   * Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: a comma list of addresses or CIDRs
   * (`10.0.0.5, 192.168.1.0/24`). Empty: none, and a client's own headers never choose its address.
   */
  @IsString()
  TRUSTED_PROXIES = '';

  /**
   * argon2id memory per password hash, in KiB (t=2, p=1). OWASP's minimum, 19456, is the floor everywhere but
   * NODE_ENV=test, where a lower cost keeps the suite's sign-ins fast.
   */
  @Transform(toInt)
  @IsInt()
  @Min(64)
  @Max(4_194_304)
  PASSWORD_HASH_MEMORY_KIB = ARGON2_MIN_MEMORY_KIB;

  /** argon2 hashes computed at once per process; more wait their turn (each takes 19 MiB). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(32)
  PASSWORD_HASH_CONCURRENCY = 2;

  /**
   * How long a sign-in (or a password change) waits for its hashing turn, in ms; past it the request is
   * answered 503 SIGN_IN_BUSY with Retry-After, and nothing is counted against the account.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(120_000)
  PASSWORD_HASH_WAIT_MS = 30_000;

  /** Whether /docs and /docs/openapi.json are served; defaults to true except in production. */
  @Transform(({ value }) =>
    value === undefined || value === '' ? undefined : value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsOptional()
  @IsIn([true, false], { message: 'DOCS_PUBLIC must be true or false' })
  DOCS_PUBLIC?: boolean;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ADMIN_PASSWORD?: string;

  /** `auto` loads the demo set on the embedded database only. */
  @IsIn(['auto', 'true', 'false'])
  DEMO_DATA: 'auto' | 'true' | 'false' = 'auto';

  @IsString()
  APP_TIME_ZONE = 'Asia/Shanghai';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * How the api writes its log: `json` (one JSON object a line, for servers and log collectors), `pretty` (short
   * coloured lines for a person at a terminal), or `auto`: pretty when standard output is a terminal, JSON otherwise.
   */
  @IsIn(['auto', 'pretty', 'json'], { message: 'LOG_FORMAT must be one of: auto, pretty, json' })
  LOG_FORMAT: 'auto' | 'pretty' | 'json' = 'auto';

  @Transform(toInt)
  @IsInt()
  @Min(180, { message: 'AUDIT_RETENTION_DAYS must be at least 180' })
  AUDIT_RETENTION_DAYS = 365;

  /** 督查 thresholds: an open lead without a visit this many days is yellow, then red. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  ALERT_LEAD_IDLE_YELLOW_DAYS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  ALERT_LEAD_IDLE_RED_DAYS = 60;

  /** A signed project not registered this many days after signing is red. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  ALERT_SIGNED_NOT_REGISTERED_DAYS = 90;

  /** A registered project not started this many days after registration is red. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  ALERT_REGISTERED_NOT_STARTED_DAYS = 180;

  /** A planned start month missed is yellow; missed by this many months, red. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  ALERT_START_MONTH_RED_MONTHS = 3;

  /** A key project's milestone node past its planned date is yellow; this many days past, red. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  MILESTONE_RED_DAYS = 15;
  /** A supervision order overdue by this many days (Asia/Shanghai) is escalated to its bureau's 分管领导, once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  SUPERVISION_ESCALATE_DAYS = 3;
  /**
   * 企业诉求 due dates: calendar days from the day a request is received to its due date, per kind, as
   * `kind=days` pairs (land 用地, approval 审批, utilities 水电气暖, financing 融资, labour 用工, policy 政策兑现,
   * other 其他); kinds left out keep their default.
   */
  @Matches(/^\s*$|^\s*[a-z]+\s*=\s*\d{1,3}\s*(,\s*[a-z]+\s*=\s*\d{1,3}\s*)*$/, {
    message: 'REQUEST_DUE_DAYS must be kind=days pairs separated by commas, e.g. land=30,approval=15',
  })
  REQUEST_DUE_DAYS = '';

  /** Whether processes that run jobs also register their cron schedules (tests switch them off). */
  @Transform(({ value }) =>
    value === undefined || value === '' ? true : value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsIn([true, false], { message: 'SCHEDULES_ENABLED must be true or false' })
  SCHEDULES_ENABLED = true;

  /** How often a job process on Bull checks that Redis still holds its schedules and puts back missing ones. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  SCHEDULE_CHECK_SECONDS = 60;

  /**
   * How long a graceful stop (SIGTERM or SIGINT) may take: requests under way, the write batches, running jobs.
   * Past it the process logs what it was waiting for and exits with code 1; keep it below the orchestrator's
   * grace period (Kubernetes: 30 s).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  SHUTDOWN_TIMEOUT_SECONDS = 25;

  /** Cron of the step that seals new audit rows into the hash chain. */
  @IsString()
  AUDIT_SEAL_CRON = '* * * * *';

  /** The issuing office (发文机关) a report's 通报 (.docx) is signed with. */
  @IsString()
  @MinLength(2)
  @MaxLength(50)
  REPORT_ISSUER = '海州区招商引资工作领导小组办公室';

  get embedded(): boolean {
    return this.DATABASE_URL === undefined;
  }

  get queueDriver(): QueueDriverName {
    return this.QUEUE_DRIVER ?? (this.REDIS_URL ? QueueDriverName.Bull : QueueDriverName.InProcess);
  }

  get runJobsInApi(): boolean {
    return this.queueDriver === QueueDriverName.InProcess || (this.RUN_JOBS_IN_API ?? false);
  }

  get docsPublic(): boolean {
    return this.DOCS_PUBLIC ?? this.NODE_ENV !== 'production';
  }

  /** REQUEST_DUE_DAYS over the defaults: days per request kind. */
  get requestDueDays(): Record<RequestDueKind, number> {
    const days = { ...DEFAULT_REQUEST_DUE_DAYS };
    for (const pair of this.REQUEST_DUE_DAYS.split(',')) {
      const [kind, value] = pair.split('=').map((part) => part.trim());
      if (kind && value) days[kind as RequestDueKind] = Number(value);
    }
    return days;
  }

  /** TRUSTED_PROXIES as a list; empty when no proxy is trusted. */
  get trustedProxies(): string[] {
    return this.TRUSTED_PROXIES.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
  }

  get loadDemoData(): boolean {
    return this.DEMO_DATA === 'true' || (this.DEMO_DATA === 'auto' && this.embedded);
  }
}

/** The request kinds REQUEST_DUE_DAYS names (the requests library's RequestKind values) and their default days. */
export const DEFAULT_REQUEST_DUE_DAYS = {
  land: 30,
  approval: 15,
  utilities: 10,
  financing: 20,
  labour: 15,
  policy: 20,
  other: 15,
};

export type RequestDueKind = keyof typeof DEFAULT_REQUEST_DUE_DAYS;

export class ConfigError extends Error {}

/** Reads and validates the environment; a bad value throws one line naming each variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const config = plainToInstance(AppConfig, { ...env }, { exposeDefaultValues: true });
  // whitelist drops every environment variable that is not a setting of ours
  const errors = validateSync(config, { whitelist: true });
  const problems = errors.map(
    (error) => `${error.property}: ${Object.values(error.constraints ?? {})[0] ?? 'invalid'}`,
  );
  if (config.queueDriver === QueueDriverName.Bull && !config.REDIS_URL) {
    problems.push('QUEUE_DRIVER: bull needs REDIS_URL');
  }
  if (config.DATABASE_READ_URL !== undefined && config.DATABASE_URL === undefined) {
    problems.push('DATABASE_READ_URL: needs DATABASE_URL (the embedded database has no replica)');
  }
  if (config.EMBEDDED_TEMPLATE !== undefined && (config.NODE_ENV === 'production' || !isInMemoryEmbedded(config))) {
    problems.push('EMBEDDED_TEMPLATE: only for tests, with DATA_DIR=memory:// and no DATABASE_URL');
  }
  if (config.PASSWORD_HASH_MEMORY_KIB < ARGON2_MIN_MEMORY_KIB && config.NODE_ENV !== 'test') {
    problems.push(
      `PASSWORD_HASH_MEMORY_KIB: below OWASP's minimum of ${ARGON2_MIN_MEMORY_KIB} only with NODE_ENV=test`,
    );
  }
  if (config.ALERT_LEAD_IDLE_RED_DAYS <= config.ALERT_LEAD_IDLE_YELLOW_DAYS) {
    problems.push('ALERT_LEAD_IDLE_RED_DAYS: must be more than ALERT_LEAD_IDLE_YELLOW_DAYS');
  }
  const badKinds = config.REQUEST_DUE_DAYS.split(',')
    .map((pair) => pair.split('=')[0].trim())
    .filter((kind) => kind && !(kind in DEFAULT_REQUEST_DUE_DAYS));
  if (badKinds.length > 0) {
    problems.push(
      `REQUEST_DUE_DAYS: unknown kind ${badKinds.join(', ')} (${Object.keys(DEFAULT_REQUEST_DUE_DAYS).join(', ')})`,
    );
  }
  if (Object.values(config.requestDueDays).some((days) => days < 1)) {
    problems.push('REQUEST_DUE_DAYS: every kind needs at least 1 day');
  }
  const badProxies = config.trustedProxies.filter((entry) => !isAddressOrCidr(entry));
  if (badProxies.length > 0) {
    problems.push(`TRUSTED_PROXIES: not an address or CIDR: ${badProxies.join(', ')}`);
  }
  if (!isTimeZone(config.APP_TIME_ZONE)) {
    problems.push(`APP_TIME_ZONE: unknown time zone "${config.APP_TIME_ZONE}"`);
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration — ${problems.join('; ')}`);
  }
  return config;
}

function isInMemoryEmbedded(config: AppConfig): boolean {
  return config.embedded && config.DATA_DIR === IN_MEMORY;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

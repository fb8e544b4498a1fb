import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { registerKeyring } from './crypto.ts';

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded database and its generated key; unused on PostgreSQL except for the key. */
  dataDir: string;
  /** The app's own login on PostgreSQL (yiqi_app): it may append to the audit log but not change it. */
  databaseUrl: string | undefined;
  /**
   * A streaming replica of DATABASE_URL (READ_DATABASE_URL), logging in as the app role too: the read-only
   * lists and dashboards that opt in read from it while it is within replicaMaxLagMs (docs/decisions/0022).
   */
  readDatabaseUrl: string | undefined;
  /** Replication lag (ms) beyond which those reads go back to the primary (REPLICA_MAX_LAG_MS). */
  replicaMaxLagMs: number;
  /**
   * After a state-changing request, the same browser reads from the primary for this long (ms), or for the
   * replica's lag if longer, so it sees what it wrote (READ_YOUR_WRITES_MS).
   */
  readYourWritesMs: number;
  /** The schema owner's login, for `npm run migrate` and `npm run audit:purge` (default: databaseUrl). */
  databaseOwnerUrl: string | undefined;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  auditRetentionDays: number;
  /** 32-byte key for AES-256-GCM encryption of secrets at rest: every new ciphertext is sealed with it. */
  appKey: Buffer;
  /** Earlier application keys (YIQI_APP_KEYS_PREVIOUS): still opened while `npm run keys:rotate` runs. */
  appKeysPrevious: Buffer[];
  /** Root of blind indexes and MACs (YIQI_INDEX_KEY, default the application key): never rotates with it. */
  indexKey: Buffer;
  seedDemo: boolean;
  /** Volunteers the embedded demo generates for 南山区 in the background after start (DEMO_POPULATION; 0: none). */
  demoPopulation: number;
  secureCookies: boolean;
  /** Behind a reverse proxy: X-Forwarded-For/-Proto/-Host are believed (TRUST_PROXY=1). */
  trustProxy: boolean;
  /**
   * Origins (scheme://host[:port]) besides the request's own Host whose pages may send state-changing
   * requests: PUBLIC_URL's origin and ALLOWED_ORIGINS (comma-separated). Needed behind a proxy that
   * rewrites Host without X-Forwarded-Host.
   */
  allowedOrigins: string[];
  logLevel: string;
  /** Logins per source IP per minute before 429. */
  loginRatePerMinute: number;
  /** Civic reports (随手拍, two photos each) per source IP per minute before 429. */
  civicReportsPerMinute: number;
  /** Which real-name verifier checks documents online ("local": the offline stand-in). */
  identityVerifier: string;
  /** How often ended shifts are swept for service records to draft (0: only when an organizer looks). */
  recordSweepMinutes: number;
  /** Days after completion within which the resident may rate an order (评单). */
  dispatchRatingDays: number;
  /**
   * Hours of counted service in a month (12× in a calendar year) that make a volunteer "active" in the
   * statistics (STATS_ACTIVE_MIN_HOURS; 0: one counted record is enough, DOMAIN.md's default).
   */
  statsActiveMinHours: number;
  /** How often each process looks for due jobs, in milliseconds (0: this process runs no jobs). */
  jobsPollMs: number;
  /** How long a claimed job is reserved for its runner; a run not renewed by then is taken up again. */
  jobsLeaseSeconds: number;
  /**
   * How often committed audit rows are linked into the hash chain (job audit.sequence), in seconds; a run
   * also happens before every verification, witness and purge. 0: only then.
   */
  auditSequenceSeconds: number;
  /** How often the server signs the audit chain head into the witness file and log (0: only on stop). */
  auditWitnessMinutes: number;
  /** Append-only file of signed audit chain heads, compared by `npm run audit:verify -- --witness`. */
  auditWitnessFile: string;
  /** Where one-time codes go ("log": the development channel, which writes them to the server log). */
  otpChannel: string;
  /**
   * Where notices go besides the inbox (modules/notifications/channels.ts): "log" (development: the server
   * log) or "webhook" (POST to NOTIFY_WEBHOOK_URL, the operator's SMS / WeChat / e-mail gateway).
   */
  notifyChannel: string;
  notifyWebhookUrl: string | undefined;
  /**
   * How a WeChat login code becomes the account's OpenID (modules/notifications/wechat.ts): "dev" (no
   * network, a code maps to a fixed OpenID; development only) or "miniprogram" (code2session at apiUrl
   * with the mini-program's app id and secret).
   */
  wechat: { identity: string; appId: string | undefined; appSecret: string | undefined; apiUrl: string };
  /** How often queued deliveries are sent (job notifications.deliver), in seconds; 0: never by itself. */
  notifyDeliverSeconds: number;
  /** How long a claimed delivery is held by its sender before another process may send it (seconds). */
  notifyLeaseSeconds: number;
  /** How long before a shift its volunteers are reminded (job notifications.reminders), in hours. */
  shiftReminderHours: number;
  /** One-time code requests per source IP per hour, and per document / phone / user name per hour. */
  otpPerIpPerHour: number;
  otpPerIdentifierPerHour: number;
  /**
   * The public address printed on certificates (QR code, verification link): never taken from a request's
   * Host header, which the caller controls. Absolute http(s), without a trailing slash.
   */
  publicUrl: string;
  /**
   * Redis for state every API process must share (rate-limit counters), e.g. redis://127.0.0.1:6379/0.
   * Unset: counters live in the process, right for one process (the embedded start) only.
   */
  redisUrl: string | undefined;
  /** Prefix of every key this installation writes to Redis (several installations may share one). */
  redisPrefix: string;
  /** Load shedding: above these limits /api/ requests answer 503 with retry-after at once (0: no limit). */
  shedding: {
    enabled: boolean;
    /** /api/ requests being served by this process. */
    maxInFlight: number;
    /**
     * Milliseconds the oldest query waiting for a database connection has waited: the queueing delay a
     * new request would add at least (the main signal: a standing queue, not a busy moment).
     */
    maxDbWaitMs: number;
    /** Requests waiting for a database connection (the pool has 20 on PostgreSQL, 1 on PGlite). */
    maxDbWaiting: number;
    /** Mean event-loop delay over the last second, in milliseconds (@fastify/under-pressure). */
    maxEventLoopDelayMs: number;
    retryAfterSeconds: number;
  };
  /**
   * Map tiles of the activity editor's place picker (MAP_TILE_URL, a {x}/{y}/{z} template; `{1-4}` or `{s}`
   * spread requests over numbered or lettered hosts), the coordinate system those tiles are drawn in
   * (MAP_TILE_SYSTEM: gcj02 for Chinese providers such as 高德, wgs84 for OpenStreetMap-style tiles), and
   * their attribution text. Empty URL: no map, the editor takes typed coordinates only.
   */
  mapTiles: { url: string; system: 'gcj02' | 'wgs84'; attribution: string };
}

/** 高德's public road tiles (GCJ-02), the default: they load inside mainland China without a key. */
export const DEFAULT_MAP_TILE_URL =
  'https://webrd0{1-4}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}';

function mapTiles(env: NodeJS.ProcessEnv): Config['mapTiles'] {
  const url = (env.MAP_TILE_URL ?? DEFAULT_MAP_TILE_URL).trim();
  if (url && !(/^https?:\/\//.test(url) && url.includes('{x}') && url.includes('{y}') && url.includes('{z}')))
    throw new Error(`MAP_TILE_URL must be an http(s) template with {x}, {y} and {z}, got "${url}"`);
  const system = env.MAP_TILE_SYSTEM || (env.MAP_TILE_URL === undefined ? 'gcj02' : '');
  if (url && system !== 'gcj02' && system !== 'wgs84')
    throw new Error(`MAP_TILE_SYSTEM must be gcj02 or wgs84 (the tiles' coordinate system), got "${system}"`);
  return {
    url,
    system: system === 'wgs84' ? 'wgs84' : 'gcj02',
    attribution: env.MAP_TILE_ATTRIBUTION ?? (env.MAP_TILE_URL === undefined ? '© 高德地图' : ''),
  };
}

export const AUDIT_RETENTION_FLOOR_DAYS = 180;

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

/** Loads the application key from YIQI_APP_KEY (base64), or keeps a generated one under the data folder. */
function loadAppKey(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  if (env.YIQI_APP_KEY) {
    const key = Buffer.from(env.YIQI_APP_KEY, 'base64');
    if (key.length !== 32) throw new Error('YIQI_APP_KEY must be 32 bytes, base64-encoded');
    return key;
  }
  const file = join(dataDir, 'app.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

function key32(name: string, raw: string): Buffer {
  const key = Buffer.from(raw.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32-byte keys, base64-encoded`);
  return key;
}

/**
 * The keys that go with the application key (lib/crypto.ts, docs/operations.md "Key rotation"). Once an
 * earlier key is listed, the blind indexes must keep the key they were made with: starting without
 * YIQI_INDEX_KEY then would silently stop every lookup by document number or phone, so it is refused.
 */
function loadKeyring(env: NodeJS.ProcessEnv, appKey: Buffer): { previous: Buffer[]; indexKey: Buffer } {
  const previous = (env.YIQI_APP_KEYS_PREVIOUS ?? '')
    .split(',')
    .filter((x) => x.trim() !== '')
    .map((x) => key32('YIQI_APP_KEYS_PREVIOUS', x));
  if (previous.length && !env.YIQI_INDEX_KEY)
    throw new Error(
      'YIQI_APP_KEYS_PREVIOUS is set but YIQI_INDEX_KEY is not: set YIQI_INDEX_KEY to the key the blind ' +
        'indexes were made with (the first YIQI_APP_KEY), or lookups by document number and phone stop matching',
    );
  const indexKey = env.YIQI_INDEX_KEY ? key32('YIQI_INDEX_KEY', env.YIQI_INDEX_KEY) : appKey;
  registerKeyring(appKey, previous, indexKey);
  return { previous, indexKey };
}

/** PUBLIC_URL and ALLOWED_ORIGINS as origins; a value that is no URL stops the start. */
function origins(env: NodeJS.ProcessEnv): string[] {
  const raw = [env.PUBLIC_URL ?? '', ...(env.ALLOWED_ORIGINS ?? '').split(',')].map((x) => x.trim());
  return raw
    .filter((x) => x !== '')
    .map((x) => {
      try {
        const u = new URL(x);
        if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme');
        return u.origin;
      } catch {
        throw new Error(`PUBLIC_URL and ALLOWED_ORIGINS must be http(s) URLs, got "${x}"`);
      }
    });
}

/** PUBLIC_URL as an absolute http(s) origin (with an optional path prefix), no trailing slash. */
function publicUrl(env: NodeJS.ProcessEnv, port: number): string {
  const raw = env.PUBLIC_URL?.trim() || `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    !url.hostname ||
    url.username ||
    url.password
  )
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL without credentials, got "${raw}"`);
  if (url.search || url.hash) throw new Error(`PUBLIC_URL must not carry a query or fragment, got "${raw}"`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** A replica needs a primary: READ_DATABASE_URL without DATABASE_URL (the embedded database) stops the start. */
function readDatabaseUrl(env: NodeJS.ProcessEnv, databaseUrl: string | undefined): string | undefined {
  const url = env.READ_DATABASE_URL || undefined;
  if (url && !databaseUrl) throw new Error('READ_DATABASE_URL needs DATABASE_URL (a PostgreSQL primary)');
  return url;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.YIQI_DATA_DIR ?? 'data');
  const databaseUrl = env.DATABASE_URL || undefined;
  const auditRetentionDays = int(env, 'AUDIT_RETENTION_DAYS', 365);
  if (auditRetentionDays < AUDIT_RETENTION_FLOOR_DAYS)
    throw new Error(
      `AUDIT_RETENTION_DAYS must be at least ${AUDIT_RETENTION_FLOOR_DAYS} (security-level-3 rules)`,
    );
  const port = int(env, 'PORT', 3000);
  const appKey = loadAppKey(env, dataDir);
  const keyring = loadKeyring(env, appKey);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || databaseUrl,
    readDatabaseUrl: readDatabaseUrl(env, databaseUrl),
    replicaMaxLagMs: int(env, 'REPLICA_MAX_LAG_MS', 30_000),
    readYourWritesMs: int(env, 'READ_YOUR_WRITES_MS', 10_000),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12),
    lockoutThreshold: int(env, 'LOCKOUT_THRESHOLD', 5),
    lockoutMinutes: int(env, 'LOCKOUT_MINUTES', 15),
    auditRetentionDays,
    appKey,
    appKeysPrevious: keyring.previous,
    indexKey: keyring.indexKey,
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === '1' : !databaseUrl,
    demoPopulation: Math.max(0, Math.min(50_000, Math.round(Number(env.DEMO_POPULATION ?? 3000)) || 0)),
    secureCookies: env.SECURE_COOKIES === '1',
    trustProxy: env.TRUST_PROXY === '1',
    allowedOrigins: origins(env),
    logLevel: env.LOG_LEVEL ?? 'info',
    loginRatePerMinute: int(env, 'LOGIN_RATE_PER_MINUTE', 60),
    civicReportsPerMinute: int(env, 'CIVIC_REPORTS_PER_MINUTE', 10),
    identityVerifier: env.IDENTITY_VERIFIER ?? 'local',
    recordSweepMinutes: int(env, 'RECORD_SWEEP_MINUTES', 5, 0),
    dispatchRatingDays: int(env, 'DISPATCH_RATING_DAYS', 7, 1),
    statsActiveMinHours: int(env, 'STATS_ACTIVE_MIN_HOURS', 0, 0),
    jobsPollMs: int(env, 'JOBS_POLL_MS', 5000, 0),
    jobsLeaseSeconds: int(env, 'JOBS_LEASE_SECONDS', 300, 10),
    auditSequenceSeconds: int(env, 'AUDIT_SEQUENCE_SECONDS', 2, 0),
    auditWitnessMinutes: int(env, 'AUDIT_WITNESS_MINUTES', 5, 0),
    auditWitnessFile: resolve(env.AUDIT_WITNESS_FILE || join(dataDir, 'audit-witness.jsonl')),
    otpChannel: env.OTP_CHANNEL ?? 'log',
    notifyChannel: env.NOTIFY_CHANNEL ?? 'log',
    notifyWebhookUrl: env.NOTIFY_WEBHOOK_URL || undefined,
    wechat: {
      identity: env.WECHAT_IDENTITY ?? 'dev',
      appId: env.WECHAT_APP_ID || undefined,
      appSecret: env.WECHAT_APP_SECRET || undefined,
      apiUrl: env.WECHAT_API_URL || 'https://api.weixin.qq.com',
    },
    notifyDeliverSeconds: int(env, 'NOTIFY_DELIVER_SECONDS', 10, 0),
    shiftReminderHours: int(env, 'SHIFT_REMINDER_HOURS', 24, 1),
    notifyLeaseSeconds: int(env, 'NOTIFY_LEASE_SECONDS', 120, 1),
    otpPerIpPerHour: int(env, 'OTP_PER_IP_PER_HOUR', 30),
    otpPerIdentifierPerHour: int(env, 'OTP_PER_IDENTIFIER_PER_HOUR', 5),
    publicUrl: publicUrl(env, port),
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.REDIS_PREFIX ?? 'yiqi:',
    shedding: {
      enabled: env.LOAD_SHEDDING !== '0',
      maxInFlight: int(env, 'SHED_MAX_IN_FLIGHT', 256, 0),
      maxDbWaitMs: int(env, 'SHED_MAX_DB_WAIT_MS', 250, 0),
      maxDbWaiting: int(env, 'SHED_MAX_DB_WAITING', 1000, 0),
      maxEventLoopDelayMs: int(env, 'SHED_MAX_EVENT_LOOP_DELAY_MS', 1000, 0),
      retryAfterSeconds: int(env, 'SHED_RETRY_AFTER_SECONDS', 2),
    },
    mapTiles: mapTiles(env),
  };
}

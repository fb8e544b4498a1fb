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
  /** Which real-name verifier checks documents online ("local": the offline stand-in). */
  identityVerifier: string;
  /** How often ended shifts are swept for service records to draft (0: only when an organizer looks). */
  recordSweepMinutes: number;
  /** How often each process looks for due jobs, in milliseconds (0: this process runs no jobs). */
  jobsPollMs: number;
  /** How long a claimed job is reserved for its runner; a run not renewed by then is taken up again. */
  jobsLeaseSeconds: number;
  /** How often the server signs the audit chain head into the witness file and log (0: only on stop). */
  auditWitnessMinutes: number;
  /** Append-only file of signed audit chain heads, compared by `npm run audit:verify -- --witness`. */
  auditWitnessFile: string;
  /** Where one-time codes go ("log": the development channel, which writes them to the server log). */
  otpChannel: string;
  /** One-time code requests per source IP per hour, and per document / phone / user name per hour. */
  otpPerIpPerHour: number;
  otpPerIdentifierPerHour: number;
  /**
   * The public address printed on certificates (QR code, verification link): never taken from a request's
   * Host header, which the caller controls. Absolute http(s), without a trailing slash.
   */
  publicUrl: string;
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
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12),
    lockoutThreshold: int(env, 'LOCKOUT_THRESHOLD', 5),
    lockoutMinutes: int(env, 'LOCKOUT_MINUTES', 15),
    auditRetentionDays,
    appKey,
    appKeysPrevious: keyring.previous,
    indexKey: keyring.indexKey,
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === '1' : !databaseUrl,
    secureCookies: env.SECURE_COOKIES === '1',
    trustProxy: env.TRUST_PROXY === '1',
    allowedOrigins: origins(env),
    logLevel: env.LOG_LEVEL ?? 'info',
    loginRatePerMinute: int(env, 'LOGIN_RATE_PER_MINUTE', 60),
    identityVerifier: env.IDENTITY_VERIFIER ?? 'local',
    recordSweepMinutes: int(env, 'RECORD_SWEEP_MINUTES', 5, 0),
    jobsPollMs: int(env, 'JOBS_POLL_MS', 5000, 0),
    jobsLeaseSeconds: int(env, 'JOBS_LEASE_SECONDS', 300, 10),
    auditWitnessMinutes: int(env, 'AUDIT_WITNESS_MINUTES', 5, 0),
    auditWitnessFile: resolve(env.AUDIT_WITNESS_FILE || join(dataDir, 'audit-witness.jsonl')),
    otpChannel: env.OTP_CHANNEL ?? 'log',
    otpPerIpPerHour: int(env, 'OTP_PER_IP_PER_HOUR', 30),
    otpPerIdentifierPerHour: int(env, 'OTP_PER_IDENTIFIER_PER_HOUR', 5),
    publicUrl: publicUrl(env, port),
  };
}

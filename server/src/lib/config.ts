import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

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
  /** 32-byte key for AES-256-GCM encryption of secrets at rest. */
  appKey: Buffer;
  seedDemo: boolean;
  secureCookies: boolean;
  logLevel: string;
  /** Logins per source IP per minute before 429. */
  loginRatePerMinute: number;
  /** Which real-name verifier checks documents online ("local": the offline stand-in). */
  identityVerifier: string;
  /** How often ended shifts are swept for service records to draft (0: only when an organizer looks). */
  recordSweepMinutes: number;
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.YIQI_DATA_DIR ?? 'data');
  const databaseUrl = env.DATABASE_URL || undefined;
  const auditRetentionDays = int(env, 'AUDIT_RETENTION_DAYS', 365);
  if (auditRetentionDays < AUDIT_RETENTION_FLOOR_DAYS)
    throw new Error(
      `AUDIT_RETENTION_DAYS must be at least ${AUDIT_RETENTION_FLOOR_DAYS} (security-level-3 rules)`,
    );
  return {
    port: int(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || databaseUrl,
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12),
    lockoutThreshold: int(env, 'LOCKOUT_THRESHOLD', 5),
    lockoutMinutes: int(env, 'LOCKOUT_MINUTES', 15),
    auditRetentionDays,
    appKey: loadAppKey(env, dataDir),
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === '1' : !databaseUrl,
    secureCookies: env.SECURE_COOKIES === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    loginRatePerMinute: int(env, 'LOGIN_RATE_PER_MINUTE', 60),
    identityVerifier: env.IDENTITY_VERIFIER ?? 'local',
    recordSweepMinutes: int(env, 'RECORD_SWEEP_MINUTES', 5, 0),
  };
}

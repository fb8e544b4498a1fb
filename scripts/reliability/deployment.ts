// A deployment for one drill: a private cluster with database `yiqi` migrated by `npm run migrate` with the
// demo data (SEED_DEMO=1), exactly as the README's "Running on PostgreSQL" does, and the API started as
// yiqi_app by main.ts. The drill itself connects as the owner to set up data and to check the outcome.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgres, type OpenDatabase } from '../../server/src/db/database.ts';
import { PrivateCluster } from './cluster.ts';
import { ApiProcess, freePort, npmRun, onCleanup } from './proc.ts';

export const DB_NAME = 'yiqi';

export interface Deployment {
  cluster: PrivateCluster;
  ownerUrl: string;
  appUrl: string;
  appKey: Buffer;
  /** Environment of every app process (API, audit:verify): the same key, data folder and witness file. */
  env: Record<string, string>;
  /** The owner's connection, for set-up and checks (never used by the API). */
  owner: OpenDatabase;
  api: ApiProcess;
  dispose(): Promise<void>;
}

export async function createDatabase(cluster: PrivateCluster, name = DB_NAME) {
  const c = new pg.Client({ connectionString: cluster.url() });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
}

/** Cluster + migrate with demo data + API (not started: the caller starts it). */
export async function createDeployment(
  name: string,
  apiEnv: Record<string, string> = {},
): Promise<Deployment> {
  const cluster = await PrivateCluster.create(name);
  const destroyCluster = onCleanup(() => cluster.destroy());
  await createDatabase(cluster);
  const ownerUrl = cluster.url(DB_NAME);
  const appUrl = cluster.url(DB_NAME, 'yiqi_app');
  const appKey = randomBytes(32);
  const env: Record<string, string> = {
    DATABASE_URL: appUrl,
    DATABASE_OWNER_URL: ownerUrl,
    YIQI_APP_KEY: appKey.toString('base64'),
    YIQI_DATA_DIR: join(cluster.dir, 'app-data'),
    AUDIT_WITNESS_FILE: join(cluster.dir, 'app-data', 'audit-witness.jsonl'),
    YIQI_SKIP_WEB_BUILD: '1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // Every drill request comes from 127.0.0.1.
    LOGIN_RATE_PER_MINUTE: '100000000',
  };
  const t = performance.now();
  const m = await npmRun('migrate', [], { ...env, SEED_DEMO: '1' });
  if (m.code !== 0) throw new Error(`npm run migrate failed:\n${m.output}`);
  console.log(
    `   private PostgreSQL 15 on port ${cluster.port} (${cluster.dir}); npm run migrate with SEED_DEMO=1 in ` +
      `${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const owner = await openPostgres(ownerUrl, { max: 4 });
  const api = new ApiProcess(await freePort(), { ...env, ...apiEnv }, join(cluster.dir, 'api.log'));
  const dispose = onCleanup(async () => {
    await api.dispose();
    await owner.close().catch(() => {});
    await destroyCluster();
  });
  return { cluster, ownerUrl, appUrl, appKey, env, owner, api, dispose };
}

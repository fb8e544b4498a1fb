// `npm run bench:split -- <scenario>`: a scenario with the API and its database on separate CPUs, as in
// production, where API nodes and PostgreSQL are different machines (issue 12: "several API nodes against
// one PostgreSQL"). On this machine's two cores `npm run bench` runs the API process, the load generator,
// pgbench and PostgreSQL on the same two cores, so the API's ratio to its own SQL measures how the two
// share the CPU as much as what the API adds. Here a private PostgreSQL 15 cluster (initdb in a temporary
// directory, its own port, defaults as the shared one's, fsync and synchronous_commit on) runs bound to
// the last CPU, and the bench — the API child process, the load generator and pgbench — to the others:
// both sides of every ratio (the API, pgbench of its SQL, pgbench of the minimal transaction) talk to the
// same database on the same CPU, from the same client CPU. The cluster is removed at the end, even on
// failure. Needs taskset (util-linux) and PostgreSQL's server binaries (PG_BIN).
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PrivateCluster } from '../scripts/reliability/cluster.ts';

const cores = availableParallelism();
if (cores < 2) {
  console.error('bench:split needs at least two CPUs (one for PostgreSQL, the rest for the API side)');
  process.exit(2);
}
const dbCpu = String(cores - 1);
const apiCpus = cores === 2 ? '0' : `0-${cores - 2}`;
const topology = `split: PostgreSQL on CPU ${dbCpu}; API, load generator and pgbench on CPU ${apiCpus}`;

const cluster = await PrivateCluster.create('bench-split', { cpus: dbCpu });
let code = 1;
const stop = async () => {
  // BENCH_SPLIT_KEEP_LOG=<file>: the server's log is copied there first (with PRIVATE_PG_OPTIONS).
  if (process.env.BENCH_SPLIT_KEEP_LOG) copyFileSync(cluster.log, process.env.BENCH_SPLIT_KEEP_LOG);
  await cluster.destroy();
  process.exit(code);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
try {
  console.log(`bench:split — ${topology} (private cluster on port ${cluster.port})`);
  code = await new Promise<number>((resolve) => {
    const child = spawn(
      'taskset',
      [
        '-c',
        apiCpus,
        process.execPath,
        '--import',
        'tsx',
        fileURLToPath(new URL('./run.ts', import.meta.url)),
        ...process.argv.slice(2),
      ],
      {
        stdio: 'inherit',
        env: { ...process.env, BENCH_PG_URL: cluster.url(), BENCH_TOPOLOGY: topology },
      },
    );
    child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
} finally {
  await stop();
}

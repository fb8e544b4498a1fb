// Scenario "stations-nearby": the public nearby search (十分钟服务圈, GET /api/stations/nearby, radius 1 km) over
// 30,000 stations through the API (autocannon), and the same statement through pgbench on the same database.
// Stations are spread uniformly over Shenzhen's box (22.45–22.85 N, 113.75–114.60 E, ≈ 3,700 km²), about 8 a
// km² — denser than Guangdong's 28,018 over the province, so each search finds ≈ 25 within 1 km: a city-centre
// worst case rather than the average. The SQL side is the statement the service sends, captured with Kysely's
// log option, with the point's values as pgbench variables taken from the same 200 points the API is asked
// about (one extra primary-key read per transaction, `bench_points`, that the API does not do).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../server/src/lib/config.ts';
import { nearby } from '../../server/src/modules/stations/stations.service.ts';
import { nearbyBox } from '../../server/src/modules/stations/stations.repository.ts';
import {
  runAutocannon,
  runPgbench,
  startApi,
  withBenchDatabase,
  type PhaseResult,
  type Scenario,
} from '../lib.ts';
import { inline, openCapture, writeScript } from '../sql.ts';

const STATIONS = Number(process.env.BENCH_STATIONS ?? 30_000);
const POINTS = 200;
const RADIUS = 1000;
const BOX = { latMin: 22.45, latMax: 22.85, lngMin: 113.75, lngMax: 114.6 };

export const stationsNearby: Scenario = {
  name: 'stations-nearby',
  description: 'nearby stations within 1 km of a point among 30,000 (bounding box + haversine)',
  run: (o) =>
    withBenchDatabase(o.adminUrl, async ({ url, handle }) => {
      const db = handle.db;
      const fillStart = performance.now();
      await sql`INSERT INTO stations (kind, name, region_code, address, lat, lng, opening_hours, services, phone)
        SELECT (ARRAY['centre','post','station','u_station','volunteer_post','service_point'])[1 + n % 6],
          '压测阵地 ' || n, '440305000000', '深圳市南山区压测路 ' || n || ' 号',
          ${BOX.latMin} + random() * ${BOX.latMax - BOX.latMin}, ${BOX.lngMin} + random() * ${BOX.lngMax - BOX.lngMin},
          '9:00–18:00', '["理论宣讲","便民服务"]'::jsonb, '0755-12345678'
        FROM generate_series(1, ${STATIONS}::int) n`.execute(db);
      await sql`ANALYZE stations`.execute(db);
      const fillSeconds = (performance.now() - fillStart) / 1000;

      // The same 200 points for both sides, with the bounding box the repository computes for each.
      const points = Array.from({ length: POINTS }, () => {
        const lat = Number((BOX.latMin + 0.02 + Math.random() * (BOX.latMax - BOX.latMin - 0.04)).toFixed(6));
        const lng = Number((BOX.lngMin + 0.02 + Math.random() * (BOX.lngMax - BOX.lngMin - 0.04)).toFixed(6));
        return { lat, lng, ...nearbyBox(lat, lng, RADIUS) };
      });
      await sql`CREATE TABLE bench_points (n int PRIMARY KEY, lat float8, lng float8, latmin float8, latmax float8,
        lngmin float8, lngmax float8)`.execute(db);
      await db
        .insertInto('bench_points' as never)
        .values(
          points.map((p, i) => ({
            n: i + 1,
            lat: p.lat,
            lng: p.lng,
            latmin: p.latMin,
            latmax: p.latMax,
            lngmin: p.lngMin,
            lngmax: p.lngMax,
          })) as never,
        )
        .execute();
      await sql.raw('GRANT SELECT ON bench_points TO yiqi_app').execute(db);

      // The statement of one request, as the service sends it, its point's values swapped for variables.
      const config = loadConfig({ YIQI_APP_KEY: Buffer.alloc(32, 1).toString('base64'), DATABASE_URL: url });
      const capture = openCapture(url, config);
      const first = points[0]!;
      const found = await nearby(
        { ...capture.ctx, actor: null },
        { lat: first.lat, lng: first.lng, radius: RADIUS, limit: 20 },
      );
      const [query] = capture.take();
      await capture.close();
      const names = new Map<number, string>([
        [first.lat, ':lat'],
        [first.lng, ':lng'],
        [first.latMin, ':latmin'],
        [first.latMax, ':latmax'],
        [first.lngMin, ':lngmin'],
        [first.lngMax, ':lngmax'],
      ]);
      const swap = (v: unknown) =>
        typeof v === 'number' && names.has(v) ? `${names.get(v)}::float8` : undefined;
      const statement = inline(query!, swap);
      const dir = await mkdtemp(join(tmpdir(), 'yiqi-bench-stations-'));
      const script = join(dir, 'nearby.sql');
      await writeScript(
        script,
        [
          `-- GET /api/stations/nearby?lat=…&lng=…&radius=${RADIUS}: the service's one statement (captured)`,
          `\\set i random(1, ${POINTS})`,
          `SELECT lat, lng, latmin, latmax, lngmin, lngmax FROM bench_points WHERE n = :i \\gset`,
          `${statement};`,
        ].join('\n') + '\n',
      );

      const plan = await sql
        .raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${inline(query!)}`)
        .execute(db);
      console.log(
        `\n   EXPLAIN ANALYZE nearby (${found.items.length} stations within ${RADIUS} m of point 1):`,
      );
      for (const r of plan.rows) console.log(`     ${r['QUERY PLAN']}`);

      const api = await startApi(url);
      try {
        let i = 0;
        const http = await runAutocannon({
          origin: api.origin,
          seconds: o.seconds,
          connections: o.connections,
          requests: [
            {
              method: 'GET',
              setupRequest: (req) => {
                const p = points[i++ % POINTS]!;
                return { ...req, path: `/api/stations/nearby?lat=${p.lat}&lng=${p.lng}&radius=${RADIUS}` };
              },
            },
          ],
        });
        const pg = await runPgbench({
          databaseUrl: url,
          script,
          seconds: o.seconds,
          clients: o.connections,
          role: 'yiqi_app',
        });
        const counts = await sql<{ n: number }>`SELECT avg(c)::float8 AS n FROM (
            SELECT (SELECT count(*) FROM stations s WHERE s.lat BETWEEN p.latmin AND p.latmax
              AND s.lng BETWEEN p.lngmin AND p.lngmax) AS c FROM bench_points p) x`.execute(db);
        const result: PhaseResult = {
          scenario: 'stations-nearby',
          phase: 'nearby-1km',
          api: http,
          sql: pg,
          ratio: http.reqPerSec / pg.tps,
          extra: { stations: STATIONS, points: POINTS, avgInBox: counts.rows[0]!.n, fillSeconds },
          note:
            `${STATIONS} stations over Shenzhen; ≈ ${counts.rows[0]!.n.toFixed(0)} in each 1 km search's bounding box; ` +
            `API p95 ${http.p95Ms.toFixed(1)} ms vs SQL p95 ${pg.p95Ms.toFixed(1)} ms`,
        };
        return [result];
      } finally {
        await api.stop();
        await rm(dir, { recursive: true, force: true });
      }
    }),
};

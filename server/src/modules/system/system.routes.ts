import type { FastifyInstance } from 'fastify';
import { databaseReady } from './system.service.ts';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Liveness, readiness and Prometheus metrics (request counts and latency by route). */
export function registerSystemRoutes(app: FastifyInstance): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'yiqi_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'yiqi_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  // One child per label set, kept: prom-client otherwise hashes the labels on every request.
  const counted = new Map<string, ReturnType<typeof requests.labels>>();
  const timed = new Map<string, ReturnType<typeof latency.labels>>();
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const key = `${req.method} ${route}`;
    const status = `${key} ${reply.statusCode}`;
    let c = counted.get(status);
    if (!c) counted.set(status, (c = requests.labels(req.method, route, String(reply.statusCode))));
    c.inc();
    let t = timed.get(key);
    if (!t) timed.set(key, (t = latency.labels(req.method, route)));
    t.observe(reply.elapsedTime / 1000);
  });

  app.get('/healthz', { config: { access: { kind: 'public' } }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    { config: { access: { kind: 'public' } }, schema: { hide: true } },
    async (_req, reply) => {
      if (await databaseReady(app.deps.db)) return { status: 'ready' };
      return reply.code(503).send({ status: 'unavailable' });
    },
  );

  // Operational figures only (no personal data); restrict at the proxy in production.
  app.get(
    '/metrics',
    { config: { access: { kind: 'public' } }, schema: { hide: true } },
    async (_req, reply) => {
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    },
  );
}

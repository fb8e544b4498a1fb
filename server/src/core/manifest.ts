import type { FastifyInstance } from 'fastify';
import type { JobDefinition } from './jobs.ts';

/** Registers some of a module's routes (each route declares its access; see http/access.ts). */
export type RouteRegistration = (app: FastifyInstance) => void;

/**
 * What a server module contributes, declared once in `modules/<module>/<module>.manifest.ts` and listed in
 * modules.ts. A manifest only lists: the routes, jobs and fixtures stay in their own files.
 */
export interface ModuleManifest {
  /** The module's folder under modules/; also the prefix of its job names ('<module>.<what>'). */
  name: string;
  /** Route registrations, called in this order after the app's plugins and hooks. */
  routes: readonly RouteRegistration[];
  /** Queued and recurring work the job runner runs for this module. */
  jobs?: readonly JobDefinition[];
  /**
   * Where the module's authorization-matrix fixtures are (`<module>.matrix.ts`, exporting `matrixFixtures`;
   * see test/matrix.ts). A URL, not an import: product code never loads test code, nor depends on it (an
   * import, even a lazy one, would be an edge app → manifest → fixtures → test harness → app). Only
   * http/authorization.matrix.test.ts imports it.
   */
  matrix?: URL;
}

/** Every module's jobs, refusing a name without its module's prefix or used twice. */
export function jobsOf(modules: readonly ModuleManifest[]): JobDefinition[] {
  const jobs: JobDefinition[] = [];
  const names = new Set<string>();
  for (const m of modules)
    for (const job of m.jobs ?? []) {
      if (!job.name.startsWith(`${m.name}.`))
        throw new Error(`job ${job.name} of module ${m.name} must be named '${m.name}.<what>'`);
      if (names.has(job.name)) throw new Error(`job ${job.name} is defined twice`);
      names.add(job.name);
      jobs.push(job);
    }
  return jobs;
}

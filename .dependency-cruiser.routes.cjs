// Routes reach a repository only through a service: this second pass drops every *.service.ts file
// from the graph, so any path left from a route file to a repository runs through a helper
// (e.g. a route → helper.ts → x.repository.ts). Run by `npm run check` after .dependency-cruiser.cjs.
/** @type {import('dependency-cruiser').IConfiguration} */
const base = require('./.dependency-cruiser.cjs');

module.exports = {
  forbidden: [
    {
      name: 'routes-reach-repositories-only-through-services',
      severity: 'error',
      comment:
        'A route file reaches a repository only through a service (*.service.ts), never through a helper ' +
        'that imports one.',
      from: { path: '^server/src/modules/[^/]+/[^/]+\\.routes\\.ts$' },
      to: {
        path: '^server/src/modules/[^/]+/[^/]+\\.repository\\.ts$',
        reachable: true,
      },
    },
  ],
  options: {
    ...base.options,
    // Services are where routes may reach repositories, so they leave the graph here; tests too.
    exclude: {
      path: [
        '(^|/)(node_modules|dist)/',
        '\\.service\\.ts$',
        '\\.(test|testkit|matrix)\\.ts$',
        // Access targets (modules/access/targets.ts) resolve a request's target with their own repository:
        // route files declare access with them, which is not a route reaching a repository for its work.
        '^server/src/modules/access/targets\\.ts$',
      ],
    },
    tsPreCompilationDeps: false,
  },
};

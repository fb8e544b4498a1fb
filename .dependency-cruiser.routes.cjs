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
        // Temporary: route files import roles/deciders.ts for access declarations (ORG_DECIDER,
        // decisionScope), which the `access` work replaces (issue 11); delete this line when they are gone.
        '^server/src/modules/roles/deciders\\.ts$',
      ],
    },
    tsPreCompilationDeps: false,
  },
};

// The dependency rules of docs/ARCHITECTURE.md, checked by `npm run check` (depcruise). One more rule,
// "only repositories build queries", is about calls rather than imports: scripts/check-queries.mjs.
// Test files (*.test.ts), test kits (*.testkit.ts), authorization matrices (*.matrix.ts) and server/src/test/
// may reach anything they exercise; the rules below are about product code.
const TESTS = '(\\.test\\.ts|\\.testkit\\.ts|\\.matrix\\.ts)$|^server/src/test/';
const MODULE = '^server/src/modules/([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles (type-only imports included).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'routes-only-own-services',
      severity: 'error',
      comment:
        "A route file (*.routes.ts) calls its own module's services: it imports nothing of another module " +
        '(nor of db/ or demo/); http/, core/, lib/ and shared are fine.',
      from: { path: '^server/src/modules/([^/]+)/[^/]+\\.routes\\.ts$' },
      to: {
        path: '^server/src/(modules|db|demo)/',
        pathNot: [
          '^server/src/modules/$1/',
          // Access declarations: the one module every route names its target with (modules/access).
          '^server/src/modules/access/targets\\.ts$',
        ],
      },
    },
    {
      name: 'routes-no-repository',
      severity: 'error',
      comment:
        "A route file never imports a repository, not even its own module's: it goes through a service.",
      from: { path: '\\.routes\\.ts$' },
      to: { path: '\\.repository\\.ts$' },
    },
    {
      name: 'no-other-module-repository',
      severity: 'error',
      comment: "No module imports another module's repository: it calls that module's service.",
      from: { path: MODULE, pathNot: TESTS },
      to: { path: '^server/src/modules/[^/]+/[^/]+\\.repository\\.ts$', pathNot: '^server/src/modules/$1/' },
    },
    {
      name: 'http-and-db-import-no-module',
      severity: 'error',
      comment:
        'server/src/http/ and server/src/db/ import nothing of modules/ or demo/ (the app wires them).',
      from: { path: '^server/src/(http|db)/', pathNot: TESTS },
      to: { path: '^server/src/(modules|demo)/' },
    },
    {
      name: 'core-imports-no-layer',
      severity: 'error',
      comment:
        'server/src/core/ imports nothing of http/, db/ or modules/; only the Database type of db/database.ts.',
      from: { path: '^server/src/core/' },
      to: {
        path: '^server/src/(http|db|modules|demo)/',
        pathNot: '^server/src/db/database\\.ts$',
      },
    },
    {
      name: 'core-only-database-type',
      severity: 'error',
      comment: 'core/ may name the Database type, never use db/ at run time.',
      from: { path: '^server/src/core/' },
      to: { path: '^server/src/db/database\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-imports-no-app',
      severity: 'error',
      comment: 'shared/ has no I/O and imports nothing of server/ or web/.',
      from: { path: '^shared/' },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'web-imports-no-server',
      severity: 'error',
      comment: 'web/ imports only shared (contracts and tables), nothing of server/.',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    // Type-only imports count: a cycle or a layer breach through types is one too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    // The workspaces (@yiqi/shared/*) resolve through their package.json exports to shared/src.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

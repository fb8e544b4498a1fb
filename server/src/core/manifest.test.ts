import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jobsOf, type ModuleManifest } from './manifest.ts';
import { MODULES } from '../modules.ts';

const noop = async () => {};

describe('module manifests', () => {
  it('are listed once each, and name fixtures in their own folder', () => {
    const names = MODULES.map((m) => m.name);
    assert.equal(new Set(names).size, names.length, 'a module listed twice');
    for (const m of MODULES) {
      assert.ok(m.routes.length > 0, `${m.name}: no routes`);
      if (!m.matrix) continue;
      const file = fileURLToPath(m.matrix);
      assert.ok(file.endsWith(`/modules/${m.name}/${m.name}.matrix.ts`), `${m.name}: fixtures in ${file}`);
      assert.ok(existsSync(file), `${m.name}: ${file} is missing`);
    }
  });

  it("collects every module's jobs, refusing a name without its module or used twice", () => {
    const a: ModuleManifest = { name: 'a', routes: [], jobs: [{ name: 'a.sweep', run: noop }] };
    const b: ModuleManifest = {
      name: 'b',
      routes: [],
      jobs: [{ name: 'b.remind', everySeconds: 60, run: noop }],
    };
    assert.deepEqual(
      jobsOf([a, b]).map((j) => j.name),
      ['a.sweep', 'b.remind'],
    );
    assert.throws(
      () => jobsOf([{ name: 'c', routes: [], jobs: [{ name: 'a.sweep', run: noop }] }]),
      /'c\.<what>'/,
    );
    assert.throws(() => jobsOf([a, a]), /a\.sweep is defined twice/);
  });
});

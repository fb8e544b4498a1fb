/** Authorization-matrix fixtures for the import routes (written in imports.testkit.ts). */
import type { MatrixFixtures } from '../../test/matrix.ts';
import { importMatrixFixtures } from './imports.testkit.ts';

export const matrixFixtures: MatrixFixtures = (env) => importMatrixFixtures(env.t, env.orgs);

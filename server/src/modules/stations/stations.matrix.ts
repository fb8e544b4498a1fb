/** Authorization-matrix fixtures for the station routes: public reads as "none", admin routes per region. */
import { targeted, type MatrixFixtures, type Relation } from '../../test/matrix.ts';
import { insertStation, stationBody } from './stations.testkit.ts';

export const matrixFixtures: MatrixFixtures = ({ t, regions }) => {
  const onStation =
    (method: string, path = '', payload?: (region: string) => unknown) =>
    async (rel: Relation) => {
      if (!targeted(rel)) return null;
      const id = await insertStation(t(), { region: regions[rel] });
      return {
        method,
        url: `/api/stations/${id}${path}`,
        ...(payload ? { payload: payload(regions[rel]) } : {}),
      };
    };
  return {
    'GET /api/stations': (rel) =>
      rel === 'none' ? { method: 'GET', url: '/api/stations?region=440305000000' } : null,
    'GET /api/stations/nearby': (rel) =>
      rel === 'none' ? { method: 'GET', url: '/api/stations/nearby?lat=22.53&lng=113.93&radius=1000' } : null,
    'GET /api/stations/:id': async (rel) =>
      rel === 'none' ? { method: 'GET', url: `/api/stations/${await insertStation(t())}` } : null,
    'GET /api/stations/:id/manage': onStation('GET', '/manage'),
    'POST /api/stations': (rel) =>
      targeted(rel) ? { method: 'POST', url: '/api/stations', payload: stationBody(regions[rel]) } : null,
    'PUT /api/stations/:id': onStation('PUT', '', (region) => stationBody(region)),
    'DELETE /api/stations/:id': onStation('DELETE'),
  };
};

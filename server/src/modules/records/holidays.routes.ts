import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  HolidaySaved,
  HolidayTableBody,
  HolidayTables,
  HolidayYearParams,
} from '@yiqi/shared/contracts/holidays';
import type { Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as holidays from './holidays.service.ts';

const tags = ['service records'];
/** The calendar is public information; entering the notice is the system administrator's duty. */
const PUBLIC: Access = { kind: 'public' };
const SYSTEM: Access = { kind: 'staff', roles: ['system_admin'] };

/** The holiday tables (节假日安排), which records' due dates are counted on. */
export function registerHolidayRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/holidays', {
    schema: {
      tags,
      summary:
        'Holidays and make-up working days of each year (the holiday tables in force: built in, or entered)',
      response: { 200: HolidayTables },
    },
    config: { access: PUBLIC },
    handler: (req) => holidays.listTables(req.server.deps.db),
  });

  r.put('/api/holidays/:year', {
    schema: {
      tags,
      summary:
        "Enter a year's holidays and make-up working days from the State Council's notice; moves the due dates of open drafts",
      params: HolidayYearParams,
      body: HolidayTableBody,
      response: { 200: HolidaySaved },
    },
    config: { access: SYSTEM },
    handler: (req) => holidays.saveTable(ctxOf(req), req.params.year, req.body),
  });
}

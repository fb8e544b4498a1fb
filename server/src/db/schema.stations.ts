import type { ColumnType, Generated } from 'kysely';

/** Table types of the stations migration (modules/stations); see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface StationsTable {
  id: Generated<string>;
  kind: string;
  name: string;
  region_code: string;
  address: string;
  lat: number;
  lng: number;
  opening_hours: Generated<string>;
  /** Written as JSON text, read as the parsed list. */
  services: ColumnType<string[], string | undefined, string>;
  phone: string | null;
  description: Generated<string>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface StationActivitiesTable {
  station_id: string;
  activity_id: string;
}

export interface StationTables {
  stations: StationsTable;
  station_activities: StationActivitiesTable;
}

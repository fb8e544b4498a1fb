/** Table types of the regions module: the region tree (0001); see schema.ts. */

export interface RegionsTable {
  code: string;
  level: number;
  name: string;
  parent_code: string | null;
  parent_level: number | null;
  dataset: string;
}

export interface RegionTables {
  regions: RegionsTable;
}

-- Stations (阵地): the civilization-practice network (centre: district, post: street, station: community),
-- U-stations, volunteer posts and service points, on a public map with a "nearby" search (the 10-minute
-- service circle). Coordinates are WGS-84 (decisions/0026). The phone is a public service line only
-- (decisions/0042): no personal data is stored about a station.
CREATE TABLE stations (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind           text NOT NULL CHECK (kind IN ('centre', 'post', 'station', 'u_station', 'volunteer_post', 'service_point')),
  name           text NOT NULL,
  region_code    text NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
  address        text NOT NULL,
  lat            double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng            double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  opening_hours  text NOT NULL DEFAULT '',
  services       jsonb NOT NULL DEFAULT '[]',
  phone          text,
  description    text NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
-- The nearby search's bounding-box prefilter: a range on lat, then lng, before the exact distance.
CREATE INDEX stations_geo_idx ON stations (lat, lng);
CREATE INDEX stations_region_idx ON stations (region_code text_pattern_ops);

-- Activities a station hosts or runs (linked menus of the dispatch module can join the same way later).
CREATE TABLE station_activities (
  station_id   uuid NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  activity_id  uuid NOT NULL REFERENCES activities(id),
  PRIMARY KEY (station_id, activity_id)
);
CREATE INDEX station_activities_activity_idx ON station_activities (activity_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON stations TO yiqi_app;
GRANT SELECT, INSERT, DELETE ON station_activities TO yiqi_app;

-- Dispatch suggestions (issue 13, modules/suggestions): a coarse service point for volunteers and
-- organizations, so candidates can be ranked by distance to a work order's address.
-- WGS-84 as the activities store places (decisions/0026). A volunteer's point is where they are willing
-- to serve, not their home address: rounded to 0.001° (about 100 m) when written, enforced here, and
-- optional (without one, distance falls back to the region tree). docs/data-inventory.md lists both.
ALTER TABLE volunteers
  ADD COLUMN service_lat double precision CHECK (service_lat BETWEEN -90 AND 90),
  ADD COLUMN service_lng double precision CHECK (service_lng BETWEEN -180 AND 180),
  ADD CONSTRAINT volunteers_service_point_pair CHECK ((service_lat IS NULL) = (service_lng IS NULL)),
  ADD CONSTRAINT volunteers_service_point_coarse CHECK (
    service_lat IS NULL OR (service_lat = round(service_lat::numeric, 3)::double precision
                            AND service_lng = round(service_lng::numeric, 3)::double precision));

ALTER TABLE organizations
  ADD COLUMN service_lat double precision CHECK (service_lat BETWEEN -90 AND 90),
  ADD COLUMN service_lng double precision CHECK (service_lng BETWEEN -180 AND 180),
  ADD CONSTRAINT organizations_service_point_pair CHECK ((service_lat IS NULL) = (service_lng IS NULL));

-- Nearest located candidates first: a GiST index on a built-in point (no cube/earthdistance, so the same
-- SQL runs on PostgreSQL 15 and PGlite). x is the longitude scaled by cos(latitude), y the latitude, so
-- the index's Euclidean distance × 111.2 km is the equirectangular distance (error < 1 % within 50 km).
-- Partial: only the volunteers a suggestion may name (active, real-name verified, located). INCLUDE: the
-- columns the pool reads, so the nearest-first walk is an index-only scan (no table row per candidate).
CREATE INDEX volunteers_service_point_idx ON volunteers
  USING gist (point(service_lng * cos(radians(service_lat)), service_lat))
  INCLUDE (id, skills, region_code, service_lat, service_lng)
  WHERE status = 'active' AND verification_status = 'verified' AND service_lat IS NOT NULL;
-- Candidates by region (the tiers: same community, street, district), only those who may be named; and by
-- skill, for a rare one (the planner picks between the two from their statistics).
CREATE INDEX volunteers_suggest_region_idx ON volunteers (region_code text_pattern_ops)
  INCLUDE (id, skills, service_lat, service_lng)
  WHERE status = 'active' AND verification_status = 'verified';
CREATE INDEX volunteers_suggest_skills_idx ON volunteers USING gin (skills)
  WHERE status = 'active' AND verification_status = 'verified';
-- Availability and load: a volunteer's accepted shifts not yet ended (one range scan per volunteer gives both
-- the count still to come and those overlapping the need's window). A btree probe is cheaper than a GiST
-- one on (volunteer_id, shift_range) for the few shifts a person has.
CREATE INDEX signups_accepted_upcoming_idx ON signups (volunteer_id, upper(shift_range))
  INCLUDE (shift_range) WHERE status = 'accepted';

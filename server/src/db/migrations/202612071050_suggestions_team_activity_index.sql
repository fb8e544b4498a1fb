-- Dispatch suggestions (issue 13): a team's availability and load are its published activities not yet
-- ended (suggestions.repository teamFacts, for the 200 teams kept). activities_org_idx (org_id, starts_at)
-- found them but read every activity row for its status and end (bench dispatch-candidates: 5.8 ms for
-- 200 teams); this partial index holds what the count reads, so each team is one index-only range scan.
CREATE INDEX activities_org_published_idx ON activities (org_id, ends_at) INCLUDE (starts_at)
  WHERE status = 'published';

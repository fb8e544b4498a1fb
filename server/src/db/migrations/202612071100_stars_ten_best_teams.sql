-- 十佳志愿服务组织（队伍）: the "ten best teams" as an honours kind of its own. Its nominees are organizations
-- (an organization or a team), never volunteers or projects; at most ten are chosen in a round. Nobody
-- nominates or decides about an organization they belong to or administer (as for funding: a live grant on
-- it, or an active membership). Published organization honours (ten best teams and ten best projects,
-- whose nominee is the team that runs the project) become award records of the organization.

ALTER TABLE honour_rounds DROP CONSTRAINT honour_rounds_kind_check;
ALTER TABLE honour_rounds ADD CONSTRAINT honour_rounds_kind_check
  CHECK (kind IN ('five_star_volunteer', 'hundred_best_volunteers', 'ten_best_projects', 'ten_best_teams'));
-- Ten best: never more than ten places.
ALTER TABLE honour_rounds ADD CONSTRAINT honour_rounds_ten_best_teams_quota
  CHECK (kind <> 'ten_best_teams' OR quota <= 10);

-- An account is tied to an organization it holds a live grant in or is an active member of.
CREATE FUNCTION honour_tied(account uuid, org uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM role_grants g
                  WHERE g.user_id = account AND g.org_id = org AND g.revoked_at IS NULL)
      OR EXISTS (SELECT 1 FROM memberships m JOIN volunteers v ON v.id = m.volunteer_id
                  WHERE v.user_id = account AND m.org_id = org AND m.status = 'active')
$$;

-- The deciding account is neither the volunteer nominated nor tied to the organization nominated or the
-- nominating one (the service refuses it first; this is the backstop).
CREATE OR REPLACE FUNCTION honour_nominations_no_self_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM volunteers WHERE id = NEW.volunteer_id AND user_id = NEW.decided_by) THEN
    RAISE EXCEPTION 'honour nomination %: nobody decides about their own nomination', NEW.id;
  END IF;
  IF NEW.nominee_org_id IS NOT NULL
     AND (honour_tied(NEW.decided_by, NEW.nominee_org_id) OR honour_tied(NEW.decided_by, NEW.org_id)) THEN
    RAISE EXCEPTION 'honour nomination %: nobody decides about their own organization', NEW.id;
  END IF;
  RETURN NEW;
END $$;

-- Ten best teams: an organization does not nominate itself, nor does anyone tied to the nominee.
CREATE FUNCTION honour_nominations_no_self_nomination() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.nominee_org_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM honour_rounds r WHERE r.id = NEW.round_id AND r.kind = 'ten_best_teams')
     AND (NEW.org_id = NEW.nominee_org_id OR honour_tied(NEW.nominated_by, NEW.nominee_org_id)) THEN
    RAISE EXCEPTION 'honour nomination %: nobody nominates their own organization', NEW.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER honour_nominations_no_self_nomination BEFORE INSERT ON honour_nominations
  FOR EACH ROW EXECUTE FUNCTION honour_nominations_no_self_nomination();

-- Approvals never exceed the round's places. The round's row lock (which the service also takes first)
-- makes concurrent approvals queue, and each count then sees the ones committed before it.
CREATE FUNCTION honour_nominations_within_quota() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE places integer;
BEGIN
  SELECT quota INTO places FROM honour_rounds WHERE id = NEW.round_id FOR UPDATE;
  IF (SELECT count(*) FROM honour_nominations
       WHERE round_id = NEW.round_id AND status = 'approved' AND id <> NEW.id) >= places THEN
    RAISE EXCEPTION 'honour round %: all % places are taken', NEW.round_id, places;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER honour_nominations_within_quota BEFORE UPDATE ON honour_nominations
  FOR EACH ROW WHEN (NEW.status = 'approved' AND OLD.status <> 'approved')
  EXECUTE FUNCTION honour_nominations_within_quota();
CREATE TRIGGER honour_nominations_inserted_within_quota BEFORE INSERT ON honour_nominations
  FOR EACH ROW WHEN (NEW.status = 'approved') EXECUTE FUNCTION honour_nominations_within_quota();

-- An organization's honours (表彰记录), written when a round is published; kept as written (insert only).
CREATE TABLE organization_award_records (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id         uuid NOT NULL REFERENCES organizations(id),
  nomination_id  uuid NOT NULL UNIQUE REFERENCES honour_nominations(id),
  name           text NOT NULL,
  award_date     date NOT NULL,
  grantor        text NOT NULL,
  created_by     uuid NOT NULL REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organization_award_records_org_idx ON organization_award_records (org_id, award_date DESC);

GRANT SELECT, INSERT ON organization_award_records TO yiqi_app;

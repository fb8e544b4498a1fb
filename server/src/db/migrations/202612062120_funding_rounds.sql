-- Funding rounds (益苗计划). A level body (region admins of the round's region) opens a round with criteria,
-- tiers and a budget; organizations in the region submit proposals; the owner's first review (形式审查);
-- assigned reviewers declare conflicts of interest and score each criterion; awards within the budget and
-- each tier's count; milestones and reports; a yearly evaluation and the published "ten best projects".
-- Money is integer fen (分). Nobody scores or awards an organization they belong to or administer: the
-- services refuse it first, the triggers below are the backstop for any other writer.
CREATE TABLE funding_rounds (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code      text NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
  region_level     integer NOT NULL CHECK (region_level BETWEEN 1 AND 5),
  name             text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 80),
  year             integer NOT NULL CHECK (year BETWEEN 2014 AND 2100),
  budget_fen       bigint NOT NULL CHECK (budget_fen > 0),
  -- The sum of the awards, kept on the round's row: concurrent awards update this one row (so they queue)
  -- and the CHECK refuses any that would pass the budget, whatever the writer.
  awarded_fen      bigint NOT NULL DEFAULT 0 CHECK (awarded_fen >= 0 AND awarded_fen <= budget_fen),
  opens_at         timestamptz NOT NULL,
  closes_at        timestamptz NOT NULL CHECK (closes_at > opens_at),
  state            text NOT NULL DEFAULT 'draft'
                   CHECK (state IN ('draft', 'open', 'reviewing', 'awarded', 'closed')),
  ten_best_published_at timestamptz,
  created_by       uuid NOT NULL REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX funding_rounds_region_idx ON funding_rounds (region_code text_pattern_ops, year);

CREATE TABLE funding_criteria (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id   uuid NOT NULL REFERENCES funding_rounds(id),
  position   integer NOT NULL,
  name       text NOT NULL,
  weight     integer NOT NULL CHECK (weight BETWEEN 1 AND 100),
  max_score  integer NOT NULL CHECK (max_score BETWEEN 1 AND 100),
  UNIQUE (round_id, position)
);

CREATE TABLE funding_tiers (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id   uuid NOT NULL REFERENCES funding_rounds(id),
  position   integer NOT NULL,
  name       text NOT NULL,
  cap_fen    bigint NOT NULL CHECK (cap_fen > 0),
  count      integer NOT NULL CHECK (count > 0),
  -- Awards made in this tier; like the round's sum, the CHECK holds the count under concurrency.
  awarded    integer NOT NULL DEFAULT 0 CHECK (awarded >= 0 AND awarded <= count),
  UNIQUE (round_id, position)
);

CREATE TABLE funding_proposals (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id       uuid NOT NULL REFERENCES funding_rounds(id),
  org_id         uuid NOT NULL REFERENCES organizations(id),
  tier_id        uuid NOT NULL REFERENCES funding_tiers(id),
  title          text NOT NULL,
  summary        text NOT NULL,
  goals          text NOT NULL,
  -- [{item, amountFen}], the total kept beside it (checked against the tier's cap by the service).
  budget_lines   jsonb NOT NULL,
  budget_fen     bigint NOT NULL CHECK (budget_fen > 0),
  state          text NOT NULL DEFAULT 'draft'
                 CHECK (state IN ('draft', 'submitted', 'returned', 'passed', 'withdrawn', 'awarded')),
  review_reason  text,
  reviewed_by    uuid REFERENCES users(id),
  submitted_at   timestamptz,
  created_by     uuid NOT NULL REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX funding_proposals_round_idx ON funding_proposals (round_id, state);
CREATE INDEX funding_proposals_org_idx ON funding_proposals (org_id);

CREATE TABLE funding_reviewers (
  round_id     uuid NOT NULL REFERENCES funding_rounds(id),
  user_id      uuid NOT NULL REFERENCES users(id),
  assigned_by  uuid NOT NULL REFERENCES users(id),
  assigned_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (round_id, user_id)
);
CREATE INDEX funding_reviewers_user_idx ON funding_reviewers (user_id);

-- Each reviewer's conflict-of-interest declaration per proposal, once (append-only).
CREATE TABLE funding_declarations (
  proposal_id  uuid NOT NULL REFERENCES funding_proposals(id),
  reviewer_id  uuid NOT NULL REFERENCES users(id),
  conflict     boolean NOT NULL,
  note         text NOT NULL DEFAULT '',
  declared_at  timestamptz NOT NULL,
  PRIMARY KEY (proposal_id, reviewer_id),
  UNIQUE (proposal_id, reviewer_id, conflict)
);

-- Scores reference a declaration of no conflict: a score without one, or after declaring a conflict,
-- cannot exist (the foreign key over (proposal, reviewer, conflict = false)).
CREATE TABLE funding_scores (
  proposal_id   uuid NOT NULL,
  reviewer_id   uuid NOT NULL,
  no_conflict   boolean NOT NULL DEFAULT false CHECK (no_conflict = false),
  criterion_id  uuid NOT NULL REFERENCES funding_criteria(id),
  score         integer NOT NULL CHECK (score >= 0),
  scored_at     timestamptz NOT NULL,
  PRIMARY KEY (proposal_id, reviewer_id, criterion_id),
  FOREIGN KEY (proposal_id, reviewer_id, no_conflict)
    REFERENCES funding_declarations (proposal_id, reviewer_id, conflict)
);

CREATE TABLE funding_awards (
  proposal_id  uuid PRIMARY KEY REFERENCES funding_proposals(id),
  round_id     uuid NOT NULL REFERENCES funding_rounds(id),
  tier_id      uuid NOT NULL REFERENCES funding_tiers(id),
  amount_fen   bigint NOT NULL CHECK (amount_fen > 0),
  awarded_by   uuid NOT NULL REFERENCES users(id),
  awarded_at   timestamptz NOT NULL
);

CREATE TABLE funding_milestones (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  proposal_id  uuid NOT NULL REFERENCES funding_awards(proposal_id),
  title        text NOT NULL,
  deliverable  text NOT NULL,
  due_on       date NOT NULL,
  created_by   uuid NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX funding_milestones_proposal_idx ON funding_milestones (proposal_id);

CREATE TABLE funding_reports (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  milestone_id  uuid NOT NULL REFERENCES funding_milestones(id),
  text          text NOT NULL,
  state         text NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'accepted', 'returned')),
  reason        text,
  decided_by    uuid REFERENCES users(id),
  decided_at    timestamptz,
  submitted_by  uuid NOT NULL REFERENCES users(id),
  created_at    timestamptz NOT NULL
);
CREATE INDEX funding_reports_milestone_idx ON funding_reports (milestone_id);

-- Files of a proposal or of a report, type read from the bytes (PDF, JPEG, PNG, WebP).
CREATE TABLE funding_attachments (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  proposal_id  uuid NOT NULL REFERENCES funding_proposals(id),
  report_id    uuid REFERENCES funding_reports(id),
  name         text NOT NULL,
  mime         text NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')),
  bytes        bytea NOT NULL,
  created_by   uuid NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX funding_attachments_proposal_idx ON funding_attachments (proposal_id);

CREATE TABLE funding_evaluations (
  proposal_id   uuid PRIMARY KEY REFERENCES funding_awards(proposal_id),
  score         integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  comment       text NOT NULL DEFAULT '',
  evaluated_by  uuid NOT NULL REFERENCES users(id),
  evaluated_at  timestamptz NOT NULL
);

-- Whether an account belongs to (active member) or administers (live org grant) an organization.
CREATE FUNCTION funding_tied(account uuid, org uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM role_grants g
                  WHERE g.user_id = account AND g.org_id = org AND g.revoked_at IS NULL)
      OR EXISTS (SELECT 1 FROM memberships m JOIN volunteers v ON v.id = m.volunteer_id
                  WHERE v.user_id = account AND m.org_id = org AND m.status = 'active')
$$;

CREATE FUNCTION funding_no_tied_decision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE who uuid; org uuid;
BEGIN
  -- The deciding account's column is the trigger's argument (reviewer_id on scores, awarded_by on awards).
  who := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
  SELECT p.org_id INTO org FROM funding_proposals p WHERE p.id = NEW.proposal_id;
  IF funding_tied(who, org) THEN
    RAISE EXCEPTION 'funding proposal %: nobody scores or awards their own organization', NEW.proposal_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER funding_scores_not_tied BEFORE INSERT ON funding_scores
  FOR EACH ROW EXECUTE FUNCTION funding_no_tied_decision('reviewer_id');
CREATE TRIGGER funding_awards_not_tied BEFORE INSERT ON funding_awards
  FOR EACH ROW EXECUTE FUNCTION funding_no_tied_decision('awarded_by');

GRANT SELECT, INSERT, UPDATE ON funding_rounds TO yiqi_app;
GRANT SELECT, INSERT, DELETE ON funding_criteria TO yiqi_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON funding_tiers TO yiqi_app;
GRANT SELECT, INSERT, UPDATE ON funding_proposals TO yiqi_app;
GRANT SELECT, INSERT ON funding_reviewers TO yiqi_app;
GRANT SELECT, INSERT ON funding_declarations TO yiqi_app;
GRANT SELECT, INSERT ON funding_scores TO yiqi_app;
GRANT SELECT, INSERT ON funding_awards TO yiqi_app;
GRANT SELECT, INSERT ON funding_milestones TO yiqi_app;
GRANT SELECT, INSERT, UPDATE ON funding_reports TO yiqi_app;
GRANT SELECT, INSERT ON funding_attachments TO yiqi_app;
GRANT SELECT, INSERT ON funding_evaluations TO yiqi_app;

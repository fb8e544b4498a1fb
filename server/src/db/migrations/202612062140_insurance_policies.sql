-- Accident insurance policies (保险): a region's yearly group policy covering every registered volunteer of
-- its subtree, or a policy for one activity covering its accepted sign-ups. Enrollment is derived from
-- volunteers and sign-ups at lookup time, never copied into rows here (decisions/0053). Policies are not
-- edited or deleted: one entered by mistake is withdrawn, with a reason, and a corrected one entered anew.
CREATE TABLE insurance_policies (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind             text NOT NULL CHECK (kind IN ('region_year', 'activity')),
  region_code      text NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
  -- The leading digits of the covered subtree (regions.ts regionPrefix), fixed when the policy is entered.
  region_prefix    text NOT NULL CHECK (region_prefix ~ '^[0-9]{2,12}$'),
  activity_id      uuid REFERENCES activities(id),
  insurer          text NOT NULL,
  policy_no        text NOT NULL,
  cover            text NOT NULL,
  limits           text NOT NULL,
  -- China calendar dates, both included.
  valid_from       date NOT NULL,
  valid_to         date NOT NULL,
  created_by       uuid NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  withdrawn_at     timestamptz,
  withdrawn_by     uuid,
  withdraw_reason  text,
  CHECK (valid_to >= valid_from),
  CHECK ((kind = 'activity') = (activity_id IS NOT NULL)),
  CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL) AND (withdrawn_at IS NULL) = (withdraw_reason IS NULL))
);
-- One live policy per insurer and number (a withdrawn one may be entered again, corrected).
CREATE UNIQUE INDEX insurance_policies_no_uniq ON insurance_policies (insurer, policy_no) WHERE withdrawn_at IS NULL;
CREATE INDEX insurance_policies_region_idx ON insurance_policies (region_code text_pattern_ops);
CREATE INDEX insurance_policies_activity_idx ON insurance_policies (activity_id) WHERE activity_id IS NOT NULL;

GRANT SELECT, INSERT ON insurance_policies TO yiqi_app;
-- Only withdrawal changes a policy.
GRANT UPDATE (withdrawn_at, withdrawn_by, withdraw_reason) ON insurance_policies TO yiqi_app;

-- Resident orders and dispatch (群众点单、中心制单、层层派单、志愿者接单、群众评单; issue 13).
-- A unit is a region (code + level): the centre of a district, the post of a street, the station of a
-- community. Menus are inherited downwards: a community sees its own items and those of every unit above.

-- Menu items (服务菜单). A team's offer (供单) is an item 'proposed' by the team until the unit approves it.
CREATE TABLE dispatch_menu_items (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_code        text NOT NULL,
  unit_level       smallint NOT NULL,
  category         text NOT NULL,
  title            text NOT NULL,
  description      text NOT NULL,
  -- The teams able to deliver it (organization ids): the only ones it may be dispatched to or claimed by.
  team_ids         uuid[] NOT NULL DEFAULT '{}',
  -- Stage timers in working days (review, dispatch, accept), escalation delay after overdue.
  review_days      smallint NOT NULL DEFAULT 1 CHECK (review_days BETWEEN 1 AND 30),
  dispatch_days    smallint NOT NULL DEFAULT 1 CHECK (dispatch_days BETWEEN 1 AND 30),
  accept_days      smallint NOT NULL DEFAULT 1 CHECK (accept_days BETWEEN 1 AND 30),
  escalate_days    smallint NOT NULL DEFAULT 1 CHECK (escalate_days BETWEEN 1 AND 30),
  status           text NOT NULL DEFAULT 'approved' CHECK (status IN ('approved', 'proposed', 'refused', 'withdrawn')),
  offered_by_org   uuid REFERENCES organizations(id),
  created_by       uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  decided_by       uuid REFERENCES users(id),
  decided_at       timestamptz,
  FOREIGN KEY (unit_code, unit_level) REFERENCES regions(code, level)
);
CREATE INDEX dispatch_menu_items_unit_idx ON dispatch_menu_items (unit_code, unit_level) WHERE status = 'approved';

CREATE TABLE dispatch_orders (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id          uuid NOT NULL REFERENCES dispatch_menu_items(id),
  -- The resident's account; null for a proxy order of a resident without one (代点单).
  requester_id     uuid REFERENCES users(id),
  proxy_by         uuid REFERENCES users(id),
  proxy_name_enc   text,
  consent_note     text,
  description      text NOT NULL,
  region_code      text NOT NULL,
  region_level     smallint NOT NULL,
  address_enc      text NOT NULL,
  -- WGS-84 (decisions/0026); optional.
  lat              double precision,
  lng              double precision,
  preferred_at     timestamptz NOT NULL,
  phone_enc        text NOT NULL,
  phone_mask       text NOT NULL,
  state            text NOT NULL DEFAULT 'review'
                   CHECK (state IN ('review', 'ready', 'offered', 'open', 'accepted', 'completed', 'rejected', 'merged', 'cancelled')),
  -- Every move of the row bumps it: a timer fires only for the move it was set for.
  version          integer NOT NULL DEFAULT 1,
  -- The unit holding it now (always set) and the team it is offered to or served by.
  holder_code      text NOT NULL,
  holder_level     smallint NOT NULL,
  team_id          uuid REFERENCES organizations(id),
  -- Work order (制单).
  scope            text,
  skills           text[] NOT NULL DEFAULT '{}',
  people_needed    integer CHECK (people_needed BETWEEN 1 AND 1000),
  deadline         timestamptz,
  reject_reason    text,
  merged_into      uuid REFERENCES dispatch_orders(id),
  report           text,
  volunteer_ids    uuid[] NOT NULL DEFAULT '{}',
  served_minutes   integer CHECK (served_minutes BETWEEN 1 AND 1440),
  -- The current stage's deadline, and whether it passed (flag kept until the order moves on).
  due_at           timestamptz,
  overdue          boolean NOT NULL DEFAULT false,
  escalations      integer NOT NULL DEFAULT 0,
  follow_up        text CHECK (follow_up IN ('open', 'closed')),
  created_at       timestamptz NOT NULL,
  reviewed_at      timestamptz,
  dispatched_at    timestamptz,
  accepted_at      timestamptz,
  completed_at     timestamptz,
  closed_at        timestamptz,
  CHECK ((requester_id IS NOT NULL) OR (proxy_by IS NOT NULL)),
  CHECK (state <> 'rejected' OR reject_reason IS NOT NULL),
  CHECK (state <> 'completed' OR report IS NOT NULL),
  CHECK (state NOT IN ('offered', 'accepted', 'completed') OR team_id IS NOT NULL),
  FOREIGN KEY (region_code, region_level) REFERENCES regions(code, level),
  FOREIGN KEY (holder_code, holder_level) REFERENCES regions(code, level)
);
CREATE INDEX dispatch_orders_holder_idx ON dispatch_orders (holder_code, state);
CREATE INDEX dispatch_orders_region_idx ON dispatch_orders (region_code, created_at);
CREATE INDEX dispatch_orders_team_idx ON dispatch_orders (team_id, state) WHERE team_id IS NOT NULL;
CREATE INDEX dispatch_orders_requester_idx ON dispatch_orders (requester_id, created_at DESC);
CREATE INDEX dispatch_orders_open_idx ON dispatch_orders (item_id) WHERE state = 'open';

-- Every hop (from, to, by, at, note): an append-only timeline.
CREATE TABLE dispatch_hops (
  id               bigserial PRIMARY KEY,
  order_id         uuid NOT NULL REFERENCES dispatch_orders(id),
  action           text NOT NULL,
  from_state       text,
  to_state         text NOT NULL,
  from_unit        text,
  to_unit          text,
  to_team          uuid REFERENCES organizations(id),
  by_user          uuid REFERENCES users(id),
  at               timestamptz NOT NULL,
  note             text
);
CREATE INDEX dispatch_hops_order_idx ON dispatch_hops (order_id, id);

CREATE FUNCTION dispatch_hops_protect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dispatch_hops is append-only' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER dispatch_hops_protect BEFORE UPDATE OR DELETE ON dispatch_hops
  FOR EACH ROW EXECUTE FUNCTION dispatch_hops_protect();
CREATE TRIGGER dispatch_hops_protect_truncate BEFORE TRUNCATE ON dispatch_hops
  FOR EACH STATEMENT EXECUTE FUNCTION dispatch_hops_protect();

-- 评单: once per order (primary key), by its requester; no rating is not a rating of 0.
CREATE TABLE dispatch_ratings (
  order_id         uuid PRIMARY KEY REFERENCES dispatch_orders(id),
  user_id          uuid NOT NULL REFERENCES users(id),
  score            smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment          text,
  at               timestamptz NOT NULL
);

GRANT SELECT, INSERT, UPDATE ON dispatch_menu_items TO yiqi_app;
GRANT SELECT, INSERT, UPDATE ON dispatch_orders TO yiqi_app;
GRANT SELECT, INSERT ON dispatch_hops TO yiqi_app;
GRANT USAGE ON SEQUENCE dispatch_hops_id_seq TO yiqi_app;
GRANT SELECT, INSERT ON dispatch_ratings TO yiqi_app;

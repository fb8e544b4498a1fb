-- Service through an activity (issue 13): the team serving an order may open an activity for it (positions,
-- shifts, sign-up, check-in: the activities capability), whose attendance becomes service records through
-- the normal drafting and confirmation. The link is the dispatch module's: one activity per order and
-- serving team (a re-dispatched order's next team opens its own), never an activity of two orders.
CREATE TABLE dispatch_order_activities (
  activity_id      uuid PRIMARY KEY REFERENCES activities(id),
  order_id         uuid NOT NULL REFERENCES dispatch_orders(id),
  team_id          uuid NOT NULL REFERENCES organizations(id),
  created_by       uuid NOT NULL REFERENCES users(id),
  created_at       timestamptz NOT NULL,
  UNIQUE (order_id, team_id)
);

-- The timeline entry that opened it names the activity (the timeline links to it).
ALTER TABLE dispatch_hops ADD COLUMN activity_id uuid REFERENCES activities(id);

GRANT SELECT, INSERT ON dispatch_order_activities TO yiqi_app;

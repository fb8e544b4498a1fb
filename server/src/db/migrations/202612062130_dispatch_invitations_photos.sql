-- Issue 13, the rest of the loop: invitations of individual volunteers, photos on orders and completion
-- reports, and the close of a follow-up (回访) after an unhappy rating.

-- 邀请: a dispatcher (the unit holding the order) or the serving team invites a volunteer; only the
-- volunteer answers. Nobody is assigned: an accepted invitation names the volunteer on the order.
CREATE TABLE dispatch_invitations (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id         uuid NOT NULL REFERENCES dispatch_orders(id),
  volunteer_id     uuid NOT NULL REFERENCES volunteers(id),
  invited_by       uuid NOT NULL REFERENCES users(id),
  -- The team that invited (its admin), or null when the unit holding the order did.
  via_team         uuid REFERENCES organizations(id),
  status           text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'accepted', 'declined')),
  decline_reason   text,
  created_at       timestamptz NOT NULL,
  decided_at       timestamptz,
  UNIQUE (order_id, volunteer_id),
  CHECK ((status = 'invited') = (decided_at IS NULL))
);
CREATE INDEX dispatch_invitations_volunteer_idx ON dispatch_invitations (volunteer_id, created_at DESC);

-- Nobody invites themselves (the service refuses first; this holds for any other writer).
CREATE FUNCTION dispatch_invitations_not_self() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM volunteers v WHERE v.id = NEW.volunteer_id AND v.user_id = NEW.invited_by) THEN
    RAISE EXCEPTION 'nobody invites themselves' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER dispatch_invitations_not_self BEFORE INSERT ON dispatch_invitations
  FOR EACH ROW EXECUTE FUNCTION dispatch_invitations_not_self();

-- Photos (type read from the bytes, metadata stripped before storing: decisions/0043): the resident's with
-- the order, the team's with the completion report.
CREATE TABLE dispatch_photos (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id         uuid NOT NULL REFERENCES dispatch_orders(id),
  kind             text NOT NULL CHECK (kind IN ('order', 'report')),
  mime             text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes            bytea NOT NULL,
  uploaded_by      uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL
);
CREATE INDEX dispatch_photos_order_idx ON dispatch_photos (order_id);

-- 回访 closed by the unit with a note (who and when); counted.
ALTER TABLE dispatch_orders ADD COLUMN follow_up_note text;
ALTER TABLE dispatch_orders ADD COLUMN follow_up_by uuid REFERENCES users(id);
ALTER TABLE dispatch_orders ADD COLUMN follow_up_closed_at timestamptz;
ALTER TABLE dispatch_orders ADD CONSTRAINT dispatch_orders_follow_up_note_check
  CHECK (follow_up IS DISTINCT FROM 'closed' OR (follow_up_note IS NOT NULL AND follow_up_closed_at IS NOT NULL));

GRANT SELECT, INSERT, UPDATE ON dispatch_invitations TO yiqi_app;
GRANT SELECT, INSERT ON dispatch_photos TO yiqi_app;

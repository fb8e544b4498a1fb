-- Unit contacts: a unit keeps its person in charge (负责人, since 0002), its handler (经办人, new) and its
-- contact person and phone (联系人 / 联系电话, since 0002; the phone is AES-256-GCM ciphertext). The unit's
-- own admins and the region admins above it edit them (audited). A certificate prints the issuer's
-- contact phone as 民发〔2015〕149号 asks: it is frozen at issue, encrypted like every phone.
ALTER TABLE organizations ADD COLUMN handler_name text;

-- An unregistered team has no USCC of its own: the national export names it by its host unit (挂靠单位),
-- whose code is kept next to the host unit's name.
ALTER TABLE organizations ADD COLUMN host_unit_uscc text
  CHECK (host_unit_uscc IS NULL OR (org_type = 'unregistered_team' AND host_unit_uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'));

ALTER TABLE certificates ADD COLUMN issuer_phone_enc text;

-- Frozen at issue like the rest of what was issued (certificates_guard covers the other columns; this one
-- is guarded on its own so the main guard stays as it is).
CREATE FUNCTION certificates_contact_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('issued', 'revoked') AND NEW.issuer_phone_enc IS DISTINCT FROM OLD.issuer_phone_enc THEN
    RAISE EXCEPTION 'certificate % is issued: its contact cannot change', OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER certificates_contact_guard BEFORE UPDATE ON certificates
  FOR EACH ROW EXECUTE FUNCTION certificates_contact_guard();

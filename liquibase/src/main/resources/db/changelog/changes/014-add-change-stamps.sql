--liquibase formatted sql

--changeset sync:014-add-change-stamps splitStatements:false
--comment: The pull feed's position: every write of a synchronised record stamps the row with the id of the transaction that wrote it (a trigger, so JPA writes and stock deltas alike). Pulls read only below the oldest transaction still running, so a change that commits late is never skipped.
CREATE FUNCTION sync_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END
$$;

ALTER TABLE category ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE product ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE customer ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE TRIGGER tr_category_change BEFORE INSERT OR UPDATE ON category FOR EACH ROW EXECUTE FUNCTION sync_stamp_change();
CREATE TRIGGER tr_product_change BEFORE INSERT OR UPDATE ON product FOR EACH ROW EXECUTE FUNCTION sync_stamp_change();
CREATE TRIGGER tr_customer_change BEFORE INSERT OR UPDATE ON customer FOR EACH ROW EXECUTE FUNCTION sync_stamp_change();

CREATE INDEX ix_category_change ON category (tenant, change_xid, id);
CREATE INDEX ix_product_change ON product (tenant, change_xid, id);
CREATE INDEX ix_customer_change ON customer (tenant, change_xid, id);
--rollback DROP INDEX ix_customer_change; DROP INDEX ix_product_change; DROP INDEX ix_category_change;
--rollback DROP TRIGGER tr_customer_change ON customer; DROP TRIGGER tr_product_change ON product; DROP TRIGGER tr_category_change ON category;
--rollback ALTER TABLE customer DROP COLUMN change_xid; ALTER TABLE product DROP COLUMN change_xid; ALTER TABLE category DROP COLUMN change_xid;
--rollback DROP FUNCTION sync_stamp_change();

--liquibase formatted sql

--changeset sync:017-create-audit-event splitStatements:false
--comment: The auditors' event log: one row per state change of an operation or a conflict, appended in the same transaction as the change. Append-only twice over: the owner's (and everyone's) UPDATE, DELETE and TRUNCATE privileges are revoked, and a trigger refuses them for any role that still has them. event_xid orders the log for the sealer that hash-chains it (see 019).
CREATE TABLE audit_event (
    id             BIGSERIAL     NOT NULL,
    tenant         VARCHAR(64)   NOT NULL,
    event_type     VARCHAR(30)   NOT NULL,
    subject        VARCHAR(255),
    device_id      VARCHAR(100),
    op_id          VARCHAR(100),
    batch_id       VARCHAR(100),
    seq            BIGINT,
    entity         VARCHAR(40),
    entity_id      VARCHAR(100),
    op_type        VARCHAR(10),
    before_version BIGINT,
    after_version  BIGINT,
    payload_hash   CHAR(64),
    detail         JSONB,
    client_time    TIMESTAMPTZ,
    recorded_at    TIMESTAMPTZ   NOT NULL DEFAULT clock_timestamp(),
    event_xid      xid8          NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT pk_audit_event PRIMARY KEY (id)
);
-- The auditors' filters, each ending in the page order (recorded_at, id).
CREATE INDEX ix_audit_event_time ON audit_event (tenant, recorded_at, id);
CREATE INDEX ix_audit_event_device ON audit_event (tenant, device_id, recorded_at, id);
CREATE INDEX ix_audit_event_record ON audit_event (tenant, entity, entity_id, recorded_at, id);
CREATE INDEX ix_audit_event_batch ON audit_event (tenant, batch_id, recorded_at, id);
-- The sealer's walk: events in the order their transactions are known to have finished.
CREATE INDEX ix_audit_event_xid ON audit_event (event_xid, id);

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER tr_audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tr_audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM CURRENT_USER;
--rollback DROP TABLE audit_event;
--rollback DROP FUNCTION audit_refuse_change();

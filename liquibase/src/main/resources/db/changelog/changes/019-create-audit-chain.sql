--liquibase formatted sql

--changeset sync:019-create-audit-chain splitStatements:false
--comment: The hash chain over the event log, one per tenant: a link per event, in the order the sealer found the events' transactions finished (event_xid, id), each link's hash = SHA-256 over its position, the previous link's hash and the event's content. Append-only like the events themselves. audit_seal_state is the sealer's progress (one row; the only mutable part, and altering it cannot hide a change: every event is linked exactly once).
CREATE TABLE audit_link (
    tenant    VARCHAR(64) NOT NULL,
    position  BIGINT      NOT NULL,
    event_id  BIGINT      NOT NULL,
    prev_hash CHAR(64)    NOT NULL,
    hash      CHAR(64)    NOT NULL,
    sealed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT pk_audit_link PRIMARY KEY (tenant, position),
    CONSTRAINT ux_audit_link_event UNIQUE (event_id)
);
CREATE INDEX ix_audit_link_sealed ON audit_link (tenant, sealed_at, position);
CREATE TRIGGER tr_audit_link_append_only BEFORE UPDATE OR DELETE ON audit_link
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER tr_audit_link_no_truncate BEFORE TRUNCATE ON audit_link
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_link FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_link FROM CURRENT_USER;

CREATE TABLE audit_seal_state (
    id       INTEGER NOT NULL,
    last_xid xid8    NOT NULL,
    last_id  BIGINT  NOT NULL,
    CONSTRAINT pk_audit_seal_state PRIMARY KEY (id),
    CONSTRAINT ck_audit_seal_state_single CHECK (id = 1)
);
INSERT INTO audit_seal_state (id, last_xid, last_id) VALUES (1, '0'::xid8, 0);
--rollback DROP TABLE audit_seal_state; DROP TABLE audit_link;

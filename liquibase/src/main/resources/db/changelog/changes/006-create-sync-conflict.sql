--liquibase formatted sql

--changeset sync:006-create-sync-conflict
--comment: One row per rejected-at-apply operation, kept for review: the terminal's data and the server record when it was detected.
CREATE TABLE sync_conflict (
    id              VARCHAR(36)  NOT NULL,
    tenant          VARCHAR(64)  NOT NULL,
    device_id       VARCHAR(100) NOT NULL,
    op_id           VARCHAR(100) NOT NULL,
    batch_id        VARCHAR(100) NOT NULL,
    seq             BIGINT,
    entity          VARCHAR(40)  NOT NULL,
    entity_id       VARCHAR(100) NOT NULL,
    op_type         VARCHAR(10)  NOT NULL,
    conflict_type   VARCHAR(30)  NOT NULL,
    detail          VARCHAR(500),
    base_version    BIGINT,
    local_data      JSONB,
    server_record   JSONB,
    status          VARCHAR(10)  NOT NULL,
    detected_at     TIMESTAMPTZ  NOT NULL,
    CONSTRAINT pk_sync_conflict PRIMARY KEY (id),
    CONSTRAINT ux_sync_conflict_operation UNIQUE (tenant, device_id, op_id),
    CONSTRAINT fk_sync_conflict_operation FOREIGN KEY (tenant, device_id, op_id)
        REFERENCES sync_operation (tenant, device_id, op_id)
);
CREATE INDEX ix_sync_conflict_tenant_detected ON sync_conflict (tenant, detected_at DESC, id DESC);
--rollback DROP TABLE sync_conflict;

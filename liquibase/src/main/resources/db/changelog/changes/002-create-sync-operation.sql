--liquibase formatted sql

--changeset sync:002-create-sync-operation
--comment: The sync operation log: every operation ever received, keyed by its idempotency key (tenant, device, opId).
CREATE TABLE sync_operation (
    tenant          VARCHAR(64)  NOT NULL,
    device_id       VARCHAR(100) NOT NULL,
    op_id           VARCHAR(100) NOT NULL,
    batch_id        VARCHAR(100) NOT NULL,
    seq             BIGINT,
    entity          VARCHAR(40),
    entity_id       VARCHAR(100),
    op_type         VARCHAR(10),
    base_version    BIGINT,
    data            JSONB,
    client_time     TIMESTAMPTZ,
    received_by     VARCHAR(255) NOT NULL,
    received_at     TIMESTAMPTZ  NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    result_version  BIGINT,
    assigned_id     VARCHAR(100),
    conflict_id     VARCHAR(36),
    errors          JSONB,
    deliveries      INTEGER      NOT NULL DEFAULT 0,
    failed_attempts INTEGER      NOT NULL DEFAULT 0,
    last_error      VARCHAR(2000),
    requeues        INTEGER      NOT NULL DEFAULT 0,
    requeued_at     TIMESTAMPTZ,
    settled_at      TIMESTAMPTZ,
    CONSTRAINT pk_sync_operation PRIMARY KEY (tenant, device_id, op_id),
    CONSTRAINT ck_sync_operation_status CHECK (status IN ('PENDING', 'APPLIED', 'CONFLICT', 'REJECTED', 'FAILED'))
);
-- The recovery sweep looks only at pending operations that were never delivered.
CREATE INDEX ix_sync_operation_undelivered ON sync_operation (received_at) WHERE status = 'PENDING' AND deliveries = 0;
--rollback DROP TABLE sync_operation;

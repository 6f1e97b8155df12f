--liquibase formatted sql

--changeset sync:001-create-sync-batch
--comment: One row per accepted batch: the idempotency record of a push (same batchId + same content = same receipt).
CREATE TABLE sync_batch (
    tenant          VARCHAR(64)  NOT NULL,
    batch_id        VARCHAR(100) NOT NULL,
    device_id       VARCHAR(100) NOT NULL,
    content_hash    CHAR(64)     NOT NULL,
    op_ids          JSONB        NOT NULL,
    received_by     VARCHAR(255) NOT NULL,
    received_at     TIMESTAMPTZ  NOT NULL,
    CONSTRAINT pk_sync_batch PRIMARY KEY (tenant, batch_id)
);
--rollback DROP TABLE sync_batch;

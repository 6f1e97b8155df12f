--liquibase formatted sql

--changeset sync:015-create-sync-device
--comment: Devices as the server learns them from their pushes and pulls (no registration): when each was last seen and what it last said.
CREATE TABLE sync_device (
    tenant          VARCHAR(64)   NOT NULL,
    device_id       VARCHAR(100)  NOT NULL,
    first_seen_at   TIMESTAMPTZ   NOT NULL,
    last_push_at    TIMESTAMPTZ,
    last_batch_id   VARCHAR(100),
    max_seq         BIGINT,
    clock_skew_ms   BIGINT,
    last_pull_at    TIMESTAMPTZ,
    last_cursor     VARCHAR(1000),
    CONSTRAINT pk_sync_device PRIMARY KEY (tenant, device_id)
);
COMMENT ON COLUMN sync_device.clock_skew_ms IS 'server receive time minus the newest clientTime of the last batch: positive when the device clock is behind (or the batch waited), negative when it is ahead';
CREATE INDEX ix_sync_conflict_open_device ON sync_conflict (tenant, device_id) WHERE status = 'OPEN';
--rollback DROP INDEX ix_sync_conflict_open_device;
--rollback DROP TABLE sync_device;

--liquibase formatted sql

--changeset sync:011-add-operation-resolution-and-redrive
--comment: Operation log: operations that carry a conflict resolution, notes on how an operation applied, re-drive marks, and the indexes that find a device's pending and the tenant's failed operations.
ALTER TABLE sync_operation ADD COLUMN resolution_id VARCHAR(36);
ALTER TABLE sync_operation ADD COLUMN notes JSONB;
ALTER TABLE sync_operation ADD COLUMN redrives INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_operation ADD COLUMN redriven_at TIMESTAMPTZ;
ALTER TABLE sync_operation ADD COLUMN redriven_by VARCHAR(255);
CREATE INDEX ix_sync_operation_pending_device ON sync_operation (tenant, device_id, batch_id) WHERE status = 'PENDING';
CREATE INDEX ix_sync_operation_failed ON sync_operation (tenant, settled_at, device_id, op_id) WHERE status = 'FAILED';
--rollback DROP INDEX ix_sync_operation_failed;
--rollback DROP INDEX ix_sync_operation_pending_device;
--rollback ALTER TABLE sync_operation DROP COLUMN redriven_by, DROP COLUMN redriven_at, DROP COLUMN redrives, DROP COLUMN notes, DROP COLUMN resolution_id;

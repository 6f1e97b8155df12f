--liquibase formatted sql

--changeset sync:020-add-operation-audit-indexes
--comment: The auditors' operation log queries: one index per filter, each ending in the page order (received_at, device_id, op_id), so a filtered page on a large log reads only its own rows.
CREATE INDEX ix_sync_operation_received ON sync_operation (tenant, received_at, device_id, op_id);
CREATE INDEX ix_sync_operation_device_received ON sync_operation (tenant, device_id, received_at, op_id);
CREATE INDEX ix_sync_operation_record ON sync_operation (tenant, entity, entity_id, received_at, device_id, op_id);
CREATE INDEX ix_sync_operation_batch ON sync_operation (tenant, batch_id, received_at, device_id, op_id);
CREATE INDEX ix_sync_operation_status ON sync_operation (tenant, status, received_at, device_id, op_id);
--rollback DROP INDEX ix_sync_operation_status; DROP INDEX ix_sync_operation_batch; DROP INDEX ix_sync_operation_record; DROP INDEX ix_sync_operation_device_received; DROP INDEX ix_sync_operation_received;

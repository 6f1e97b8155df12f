--liquibase formatted sql

--changeset sync:022-index-audit-event-type runInTransaction:false
--comment: The auditors' type filter (events of a type; operations by a final status, which drive by that status's event) found its page by scanning the tenant's time index and filtering: fine for a type every other event has, a read of the whole log for a rare one (DISCARDED, REDRIVEN). Its own index, ending in the page order, makes it like the other filters. Built concurrently, so an existing log keeps taking events meanwhile.
CREATE INDEX CONCURRENTLY ix_audit_event_type ON audit_event (tenant, event_type, recorded_at, id);
--rollback DROP INDEX CONCURRENTLY ix_audit_event_type;

--changeset sync:022-index-audit-event-operation runInTransaction:false
--comment: One operation's events ("what became of this receipt": deviceId and opId) were found by walking the device's whole history in its index and filtering on op_id, a heap read per event of the device. Their own index finds the handful directly, in page order. Built concurrently, as above.
CREATE INDEX CONCURRENTLY ix_audit_event_operation ON audit_event (tenant, device_id, op_id, recorded_at, id);
--rollback DROP INDEX CONCURRENTLY ix_audit_event_operation;

--liquibase formatted sql

--changeset sync:020-backfill-audit-events
--comment: Operations received before the event log existed get their RECEIVED event, and a settled one its final event, at the times the operation log kept, marked backfilled: the auditors' operation log (read through RECEIVED events) and event log then cover the whole history. Rolling back leaves them: the event log is append-only.
INSERT INTO audit_event (tenant, event_type, subject, device_id, op_id, batch_id, seq, entity, entity_id, op_type,
                         before_version, payload_hash, detail, client_time, recorded_at)
SELECT tenant, 'RECEIVED', received_by, device_id, op_id, batch_id, seq, entity, entity_id, op_type, base_version,
       audit_payload_hash(data),
       '{"backfilled": true}'::jsonb, client_time, received_at
  FROM sync_operation
 ORDER BY received_at;
INSERT INTO audit_event (tenant, event_type, subject, device_id, op_id, batch_id, seq, entity, entity_id, op_type,
                         before_version, after_version, payload_hash, detail, client_time, recorded_at)
SELECT tenant, status, received_by, device_id, op_id, batch_id, seq, entity, entity_id, op_type, base_version,
       result_version,
       audit_payload_hash(data),
       jsonb_strip_nulls(jsonb_build_object('backfilled', true, 'conflictId', conflict_id, 'errors', errors)),
       client_time, COALESCE(settled_at, received_at)
  FROM sync_operation
 WHERE status <> 'PENDING'
 ORDER BY COALESCE(settled_at, received_at);
--rollback SELECT 1;

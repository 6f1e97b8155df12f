--liquibase formatted sql

--changeset sync:018-record-audit-events splitStatements:false
--comment: Every state change of an operation or a conflict appends its audit event, in the change's own transaction, whatever code path made it: triggers on sync_operation (RECEIVED, REJECTED, APPLIED with one event per apply note, FAILED, REDRIVEN) and on sync_conflict (CONFLICT, STILL_OPEN, RESOLVED, DISCARDED). The payload hash is the SHA-256 of the operation's data as stored (jsonb's canonical text). The triggers fire only for the updates that make an event.
CREATE FUNCTION audit_payload_hash(data JSONB) RETURNS CHAR(64) LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT encode(sha256(convert_to(data::text, 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_operation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    payload CHAR(64) := audit_payload_hash(NEW.data);
    note    JSONB;
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO audit_event (tenant, event_type, subject, device_id, op_id, batch_id, seq, entity, entity_id,
                                 op_type, before_version, payload_hash, client_time)
        VALUES (NEW.tenant, 'RECEIVED', NEW.received_by, NEW.device_id, NEW.op_id, NEW.batch_id, NEW.seq,
                NEW.entity, NEW.entity_id, NEW.op_type, NEW.base_version, payload, NEW.client_time);
        IF NEW.status = 'REJECTED' THEN
            INSERT INTO audit_event (tenant, event_type, subject, device_id, op_id, batch_id, seq, entity,
                                     entity_id, op_type, before_version, payload_hash, detail, client_time)
            VALUES (NEW.tenant, 'REJECTED', NEW.received_by, NEW.device_id, NEW.op_id, NEW.batch_id, NEW.seq,
                    NEW.entity, NEW.entity_id, NEW.op_type, NEW.base_version, payload,
                    jsonb_build_object('errors', NEW.errors), NEW.client_time);
        END IF;
        RETURN NULL;
    END IF;
    IF NEW.redrives > OLD.redrives THEN
        INSERT INTO audit_event (tenant, event_type, subject, device_id, op_id, batch_id, seq, entity, entity_id,
                                 op_type, before_version, payload_hash, detail, client_time)
        VALUES (NEW.tenant, 'REDRIVEN', NEW.redriven_by, NEW.device_id, NEW.op_id, NEW.batch_id, NEW.seq,
                NEW.entity, NEW.entity_id, NEW.op_type, NEW.base_version, payload,
                jsonb_build_object('redrives', NEW.redrives, 'lastError', OLD.last_error), NEW.client_time);
    END IF;
    IF NEW.status = OLD.status THEN
        RETURN NULL;
    END IF;
    IF NEW.status = 'APPLIED' THEN
        INSERT INTO audit_event (tenant, event_type, subject, device_id, op_id, batch_id, seq, entity, entity_id,
                                 op_type, before_version, after_version, payload_hash, detail, client_time)
        VALUES (NEW.tenant, 'APPLIED', NEW.received_by, NEW.device_id, NEW.op_id, NEW.batch_id, NEW.seq,
                NEW.entity, NEW.entity_id, NEW.op_type, NEW.base_version, NEW.result_version, payload,
                CASE WHEN NEW.assigned_id IS NULL THEN NULL ELSE jsonb_build_object('assignedId', NEW.assigned_id) END,
                NEW.client_time);
        IF NEW.notes IS NOT NULL THEN
            FOR note IN SELECT value FROM jsonb_array_elements(NEW.notes) LOOP
                INSERT INTO audit_event (tenant, event_type, subject, device_id, op_id, batch_id, seq, entity,
                                         entity_id, op_type, before_version, after_version, payload_hash, detail,
                                         client_time)
                VALUES (NEW.tenant, left(note ->> 'type', 30), NEW.received_by, NEW.device_id, NEW.op_id,
                        NEW.batch_id, NEW.seq, NEW.entity, NEW.entity_id, NEW.op_type, NEW.base_version,
                        NEW.result_version, payload, note, NEW.client_time);
            END LOOP;
        END IF;
    ELSIF NEW.status = 'FAILED' THEN
        INSERT INTO audit_event (tenant, event_type, subject, device_id, op_id, batch_id, seq, entity, entity_id,
                                 op_type, before_version, payload_hash, detail, client_time)
        VALUES (NEW.tenant, 'FAILED', NEW.received_by, NEW.device_id, NEW.op_id, NEW.batch_id, NEW.seq,
                NEW.entity, NEW.entity_id, NEW.op_type, NEW.base_version, payload,
                jsonb_build_object('attempts', NEW.failed_attempts, 'lastError', NEW.last_error), NEW.client_time);
    END IF;
    -- CONFLICT is recorded by the conflict's own trigger, which knows the reason.
    RETURN NULL;
END
$$;
CREATE TRIGGER tr_sync_operation_audit_received AFTER INSERT ON sync_operation
    FOR EACH ROW EXECUTE FUNCTION audit_operation_changed();
CREATE TRIGGER tr_sync_operation_audit_changed AFTER UPDATE ON sync_operation
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status OR NEW.redrives <> OLD.redrives)
    EXECUTE FUNCTION audit_operation_changed();

CREATE FUNCTION audit_conflict_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    op      sync_operation%ROWTYPE;
    payload CHAR(64);
    kind    VARCHAR(30);
    subject VARCHAR(255);
BEGIN
    SELECT * INTO op FROM sync_operation
     WHERE tenant = NEW.tenant AND device_id = NEW.device_id AND op_id = NEW.op_id;
    payload := audit_payload_hash(op.data);
    subject := op.received_by;
    IF TG_OP = 'INSERT' THEN
        kind := 'CONFLICT';
    ELSIF OLD.status = 'OPEN' AND NEW.status = 'RESOLVED' THEN
        kind := CASE WHEN NEW.resolved_action = 'DISCARD' THEN 'DISCARDED' ELSE 'RESOLVED' END;
        subject := NEW.resolved_by;
    ELSIF OLD.resolution_id IS NOT NULL AND NEW.resolution_id IS NULL AND NEW.status = 'OPEN' THEN
        kind := 'STILL_OPEN';
        SELECT requested_by INTO subject FROM sync_conflict_resolution WHERE id = OLD.resolution_id;
    ELSE
        RETURN NULL;
    END IF;
    INSERT INTO audit_event (tenant, event_type, subject, device_id, op_id, batch_id, seq, entity, entity_id,
                             op_type, before_version, after_version, payload_hash, detail, client_time)
    VALUES (NEW.tenant, kind, subject, NEW.device_id, NEW.op_id, NEW.batch_id, NEW.seq, NEW.entity,
            NEW.entity_id, NEW.op_type, NEW.base_version,
            CASE WHEN kind IN ('RESOLVED', 'DISCARDED') THEN NEW.resolved_version
                 ELSE (NEW.server_record ->> 'version')::bigint END,
            payload,
            jsonb_strip_nulls(jsonb_build_object('conflictId', NEW.id, 'reason', NEW.conflict_type,
                'detail', NEW.detail, 'action', NEW.resolved_action,
                'resolutionId', COALESCE(NEW.resolution_id, OLD.resolution_id))),
            op.client_time);
    RETURN NULL;
END
$$;
CREATE TRIGGER tr_sync_conflict_audit_detected AFTER INSERT ON sync_conflict
    FOR EACH ROW EXECUTE FUNCTION audit_conflict_changed();
CREATE TRIGGER tr_sync_conflict_audit_changed AFTER UPDATE ON sync_conflict
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status
                       OR (OLD.resolution_id IS NOT NULL AND NEW.resolution_id IS NULL))
    EXECUTE FUNCTION audit_conflict_changed();
--rollback DROP TRIGGER tr_sync_conflict_audit_changed ON sync_conflict; DROP TRIGGER tr_sync_conflict_audit_detected ON sync_conflict; DROP FUNCTION audit_conflict_changed();
--rollback DROP TRIGGER tr_sync_operation_audit_changed ON sync_operation; DROP TRIGGER tr_sync_operation_audit_received ON sync_operation; DROP FUNCTION audit_operation_changed();
--rollback DROP FUNCTION audit_payload_hash(JSONB);

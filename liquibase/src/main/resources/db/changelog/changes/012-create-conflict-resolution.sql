--liquibase formatted sql

--changeset sync:012-create-conflict-resolution
--comment: Conflict review: every resolution an operator asks for (one row per attempt, with who, why and what came of it), and the conflict's own outcome.
ALTER TABLE sync_conflict ADD COLUMN details JSONB;
ALTER TABLE sync_conflict ADD COLUMN resolution_id VARCHAR(36);
ALTER TABLE sync_conflict ADD COLUMN resolved_action VARCHAR(20);
ALTER TABLE sync_conflict ADD COLUMN resolved_by VARCHAR(255);
ALTER TABLE sync_conflict ADD COLUMN resolved_at TIMESTAMPTZ;
ALTER TABLE sync_conflict ADD COLUMN resolved_version BIGINT;
CREATE TABLE sync_conflict_resolution (
    id               VARCHAR(36)   NOT NULL,
    tenant           VARCHAR(64)   NOT NULL,
    conflict_id      VARCHAR(36)   NOT NULL,
    job_id           VARCHAR(36),
    action           VARCHAR(20)   NOT NULL,
    data             JSONB,
    comment          VARCHAR(2000),
    requested_by     VARCHAR(255)  NOT NULL,
    requested_at     TIMESTAMPTZ   NOT NULL,
    expected_version BIGINT,
    device_id        VARCHAR(100)  NOT NULL,
    op_id            VARCHAR(100)  NOT NULL,
    status           VARCHAR(12)   NOT NULL,
    outcome          VARCHAR(500),
    result_version   BIGINT,
    settled_at       TIMESTAMPTZ,
    CONSTRAINT pk_sync_conflict_resolution PRIMARY KEY (id),
    CONSTRAINT fk_sync_conflict_resolution_conflict FOREIGN KEY (conflict_id) REFERENCES sync_conflict (id),
    CONSTRAINT ck_sync_conflict_resolution_status CHECK (status IN ('PENDING', 'RESOLVED', 'STILL_OPEN', 'FAILED'))
);
CREATE INDEX ix_sync_conflict_resolution_conflict ON sync_conflict_resolution (conflict_id, requested_at);
CREATE INDEX ix_sync_conflict_resolution_job ON sync_conflict_resolution (job_id, status) WHERE job_id IS NOT NULL;
--rollback DROP TABLE sync_conflict_resolution;
--rollback ALTER TABLE sync_conflict DROP COLUMN resolved_version, DROP COLUMN resolved_at, DROP COLUMN resolved_by, DROP COLUMN resolved_action, DROP COLUMN resolution_id, DROP COLUMN details;

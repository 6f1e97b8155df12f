--liquibase formatted sql

--changeset sync:013-create-resolution-job
--comment: Bulk conflict resolution: one row per job (a filter and one action, and how far submitting has got); each matched conflict gets its own resolution.
CREATE TABLE sync_resolution_job (
    id              VARCHAR(36)   NOT NULL,
    tenant          VARCHAR(64)   NOT NULL,
    action          VARCHAR(20)   NOT NULL,
    comment         VARCHAR(2000),
    filter          JSONB         NOT NULL,
    requested_by    VARCHAR(255)  NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    status          VARCHAR(10)   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL,
    submitted       INTEGER       NOT NULL DEFAULT 0,
    skipped         INTEGER       NOT NULL DEFAULT 0,
    last_detected_at TIMESTAMPTZ,
    last_conflict_id VARCHAR(36),
    finished_at     TIMESTAMPTZ,
    error           VARCHAR(2000),
    CONSTRAINT pk_sync_resolution_job PRIMARY KEY (id),
    CONSTRAINT ck_sync_resolution_job_status CHECK (status IN ('SUBMITTING', 'SUBMITTED', 'FAILED'))
);
CREATE INDEX ix_sync_conflict_open ON sync_conflict (tenant, detected_at, id) WHERE status = 'OPEN';
--rollback DROP INDEX ix_sync_conflict_open;
--rollback DROP TABLE sync_resolution_job;

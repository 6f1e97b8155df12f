--liquibase formatted sql

--changeset sync:009-create-stock-movement
--comment: Stock movements (goods received, shrinkage, counts as deltas): facts, created once.
CREATE TABLE stock_movement (
    tenant          VARCHAR(64)   NOT NULL,
    id              VARCHAR(100)  NOT NULL,
    sent_id         VARCHAR(100)  NOT NULL,
    device_id       VARCHAR(100)  NOT NULL,
    op_id           VARCHAR(100)  NOT NULL,
    product_id      VARCHAR(100)  NOT NULL,
    delta           BIGINT        NOT NULL,
    reason          VARCHAR(200),
    forced          BOOLEAN       NOT NULL DEFAULT FALSE,
    version         BIGINT        NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    CONSTRAINT pk_stock_movement PRIMARY KEY (tenant, id),
    CONSTRAINT ck_stock_movement_delta CHECK (delta <> 0)
);
--rollback DROP TABLE stock_movement;

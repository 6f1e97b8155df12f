--liquibase formatted sql

--changeset sync:008-create-sale
--comment: Sales as the tills recorded them (facts: created once, never changed), with one row per line.
CREATE TABLE sale (
    tenant          VARCHAR(64)   NOT NULL,
    id              VARCHAR(100)  NOT NULL,
    sent_id         VARCHAR(100)  NOT NULL,
    device_id       VARCHAR(100)  NOT NULL,
    op_id           VARCHAR(100)  NOT NULL,
    receipt_no      VARCHAR(64)   NOT NULL,
    customer_id     VARCHAR(100),
    sold_at         TIMESTAMPTZ   NOT NULL,
    total           NUMERIC(14,2) NOT NULL,
    forced          BOOLEAN       NOT NULL DEFAULT FALSE,
    version         BIGINT        NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    CONSTRAINT pk_sale PRIMARY KEY (tenant, id)
);
COMMENT ON COLUMN sale.sent_id IS 'the id the till sent; differs from id when that id was taken and the server assigned a new one';
COMMENT ON COLUMN sale.forced IS 'recorded by an operator (APPLY_LOCAL) although stock was insufficient';
CREATE TABLE sale_line (
    tenant          VARCHAR(64)   NOT NULL,
    sale_id         VARCHAR(100)  NOT NULL,
    line_no         INTEGER       NOT NULL,
    product_id      VARCHAR(100)  NOT NULL,
    quantity        BIGINT        NOT NULL,
    unit_price      NUMERIC(12,2) NOT NULL,
    server_price    NUMERIC(12,2) NOT NULL,
    product_deleted BOOLEAN       NOT NULL,
    CONSTRAINT pk_sale_line PRIMARY KEY (tenant, sale_id, line_no),
    CONSTRAINT fk_sale_line_sale FOREIGN KEY (tenant, sale_id) REFERENCES sale (tenant, id)
        DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT ck_sale_line_quantity CHECK (quantity > 0)
);
COMMENT ON COLUMN sale_line.unit_price IS 'the price the till sold at: what the sale applied with';
COMMENT ON COLUMN sale_line.server_price IS 'the server''s price of the product when the sale applied (auditors compare it with unit_price)';
--rollback DROP TABLE sale_line;
--rollback DROP TABLE sale;

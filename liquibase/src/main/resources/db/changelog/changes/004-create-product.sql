--liquibase formatted sql

--changeset sync:004-create-product
--comment: Products (master data). sku is unique per tenant among live products.
CREATE TABLE product (
    tenant      VARCHAR(64)   NOT NULL,
    id          VARCHAR(100)  NOT NULL,
    sku         VARCHAR(64)   NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    price       NUMERIC(12,2) NOT NULL,
    stock       BIGINT        NOT NULL,
    category_id VARCHAR(100),
    version     BIGINT        NOT NULL,
    deleted     BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ   NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL,
    CONSTRAINT pk_product PRIMARY KEY (tenant, id),
    CONSTRAINT ck_product_price CHECK (price >= 0)
);
CREATE UNIQUE INDEX ux_product_live_sku ON product (tenant, sku) WHERE NOT deleted;
--rollback DROP TABLE product;

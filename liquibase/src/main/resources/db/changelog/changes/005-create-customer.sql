--liquibase formatted sql

--changeset sync:005-create-customer
--comment: Customers (master data).
CREATE TABLE customer (
    tenant      VARCHAR(64)  NOT NULL,
    id          VARCHAR(100) NOT NULL,
    name        VARCHAR(200) NOT NULL,
    email       VARCHAR(254),
    phone       VARCHAR(40),
    version     BIGINT       NOT NULL,
    deleted     BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT pk_customer PRIMARY KEY (tenant, id)
);
--rollback DROP TABLE customer;

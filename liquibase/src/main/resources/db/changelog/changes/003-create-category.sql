--liquibase formatted sql

--changeset sync:003-create-category
--comment: Product categories (master data). Soft delete: a deleted row stays as a tombstone with its version.
CREATE TABLE category (
    tenant      VARCHAR(64)  NOT NULL,
    id          VARCHAR(100) NOT NULL,
    name        VARCHAR(100) NOT NULL,
    parent_id   VARCHAR(100),
    version     BIGINT       NOT NULL,
    deleted     BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT pk_category PRIMARY KEY (tenant, id)
);
--rollback DROP TABLE category;

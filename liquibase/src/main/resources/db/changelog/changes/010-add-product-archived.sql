--liquibase formatted sql

--changeset sync:010-add-product-archived
--comment: A deleted product that a till still sold is marked archived (it stays deleted).
ALTER TABLE product ADD COLUMN archived_at TIMESTAMPTZ;
--rollback ALTER TABLE product DROP COLUMN archived_at;

package io.syncengine.domain.model;

/** Why an operation could not be applied as sent. A conflict is an outcome kept for review, never an error. */
public enum ConflictType {
    /** UPDATE or DELETE whose {@code baseVersion} is not the record's current version. */
    VERSION_MISMATCH,
    /** UPDATE of a record that was deleted on the server. */
    DELETED_ON_SERVER,
    /** UPDATE of an id the server has never seen. */
    NOT_FOUND,
    /** CREATE of an id that already exists with other content. */
    ID_COLLISION,
    /** A reference (category, parent) to a record that does not exist. */
    REFERENCE_MISSING,
    /** A sale or stock movement that would take stock below zero. */
    INSUFFICIENT_STOCK,
    /** CREATE or UPDATE of a product whose sku another live product of the tenant already has. */
    DUPLICATE_SKU
}

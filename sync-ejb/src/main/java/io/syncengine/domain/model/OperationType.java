package io.syncengine.domain.model;

/** What a terminal asks the server to do to one record. */
public enum OperationType {
    CREATE, UPDATE, DELETE
}

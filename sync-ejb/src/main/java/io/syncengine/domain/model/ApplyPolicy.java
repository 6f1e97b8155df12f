package io.syncengine.domain.model;

import jakarta.json.JsonObject;

/**
 * The contract's apply semantics for master data (category, product, customer), as a pure function of the
 * operation and the record as it is now. References and uniqueness need the database and are checked by the
 * application service after this decision.
 */
public final class ApplyPolicy {

    private ApplyPolicy() {
    }

    /**
     * @param current the record as it is now (tombstones included), or null when the id was never seen
     */
    public static ApplyDecision decide(OperationType type, Long baseVersion, JsonObject data, SyncRecord current) {
        return switch (type) {
            case CREATE -> {
                if (current == null) {
                    yield new ApplyDecision.Create();
                }
                if (!current.isDeleted() && current.hasContent(data)) {
                    yield new ApplyDecision.NoChange();
                }
                yield new ApplyDecision.Conflict(ConflictType.ID_COLLISION, current.isDeleted()
                        ? "a record with this id existed and was deleted on the server"
                        : "a record with this id already exists with other content");
            }
            case UPDATE -> {
                if (current == null) {
                    yield new ApplyDecision.Conflict(ConflictType.NOT_FOUND, "no record with this id exists");
                }
                if (current.isDeleted()) {
                    yield new ApplyDecision.Conflict(ConflictType.DELETED_ON_SERVER,
                            "the record was deleted on the server at version " + current.getVersion());
                }
                if (baseVersion != current.getVersion()) {
                    yield versionMismatch(baseVersion, current);
                }
                yield new ApplyDecision.Update();
            }
            case DELETE -> {
                if (current == null || current.isDeleted()) {
                    yield new ApplyDecision.NoChange();
                }
                if (baseVersion != current.getVersion()) {
                    yield versionMismatch(baseVersion, current);
                }
                yield new ApplyDecision.Delete();
            }
        };
    }

    private static ApplyDecision versionMismatch(Long baseVersion, SyncRecord current) {
        return new ApplyDecision.Conflict(ConflictType.VERSION_MISMATCH,
                "the terminal's base version " + baseVersion + " is not the current version " + current.getVersion());
    }
}

package io.syncengine.application;

import io.syncengine.domain.model.ConflictType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/** What applying one operation's change came to, before the operation log records it. */
sealed interface ApplyResult {

    /**
     * The change is made (or nothing needed changing).
     *
     * @param version    the record's version afterwards (null when there is no record)
     * @param assignedId the id a fact was stored under when the one sent was taken, else null
     * @param notes      what auditors should know about how it applied, else null
     */
    record Applied(Long version, String assignedId, JsonArray notes) implements ApplyResult {

        static Applied at(Long version) {
            return new Applied(version, null, null);
        }
    }

    /**
     * Nothing is changed; the operation is kept for review.
     *
     * @param details      what the server found beyond the record (e.g. stock per sale line), else null
     * @param serverRecord the server's record (or the products a fact names) as found, else null
     */
    record Refused(ConflictType type, String detail, JsonArray details, JsonObject serverRecord)
            implements ApplyResult {
    }
}

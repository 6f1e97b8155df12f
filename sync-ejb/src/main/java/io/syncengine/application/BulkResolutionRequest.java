package io.syncengine.application;

import io.syncengine.domain.model.ConflictType;
import io.syncengine.domain.model.JsonText;
import io.syncengine.domain.model.ResolutionAction;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.OffsetDateTime;

/**
 * One action for every open conflict a filter matches; a null filter member does not filter.
 *
 * @param from conflicts detected at or after this time
 * @param to   conflicts detected before this time
 */
public record BulkResolutionRequest(ResolutionAction action, String comment, String deviceId, String entity,
        ConflictType type, OffsetDateTime from, OffsetDateTime to) {

    JsonObject filterJson() {
        JsonObjectBuilder json = JsonText.object();
        if (deviceId != null) {
            json.add("deviceId", deviceId);
        }
        if (entity != null) {
            json.add("entity", entity);
        }
        if (type != null) {
            json.add("type", type.name());
        }
        if (from != null) {
            json.add("from", from.toString());
        }
        if (to != null) {
            json.add("to", to.toString());
        }
        return json.build();
    }
}

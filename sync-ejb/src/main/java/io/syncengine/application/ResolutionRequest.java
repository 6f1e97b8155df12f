package io.syncengine.application;

import io.syncengine.domain.model.ResolutionAction;
import jakarta.json.JsonObject;

/** What an operator asks for one conflict: an action, data for APPLY_MERGED, and why. */
public record ResolutionRequest(ResolutionAction action, JsonObject data, String comment) {
}

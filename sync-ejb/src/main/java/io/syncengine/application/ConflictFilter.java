package io.syncengine.application;

/** Which conflicts to list; a null member does not filter. */
public record ConflictFilter(String status, String deviceId, String entity, String type) {
}

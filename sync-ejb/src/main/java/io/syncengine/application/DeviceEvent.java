package io.syncengine.application;

import jakarta.json.JsonObject;

/**
 * A notification for a device's live channel: {@code settled} (one of its operations reached a final status),
 * {@code changes} (there is something new to pull), {@code ready} (the channel is open), or a keep-alive comment
 * ({@code name} null).
 */
public record DeviceEvent(String name, String id, JsonObject data) {
}

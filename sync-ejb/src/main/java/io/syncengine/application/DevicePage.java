package io.syncengine.application;

import java.util.List;

/** A page of devices, by id; {@code cursor} fetches the next one and is null on the last. */
public record DevicePage(List<DeviceStatusView> devices, String cursor) {
}

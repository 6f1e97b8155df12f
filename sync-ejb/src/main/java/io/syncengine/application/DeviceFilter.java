package io.syncengine.application;

import java.time.OffsetDateTime;

/**
 * Which devices to list; null members do not filter.
 *
 * @param staleSince devices not seen (no push, no pull) since this time
 */
public record DeviceFilter(OffsetDateTime staleSince, Boolean hasOpenConflicts, Boolean hasFailedOps) {
}

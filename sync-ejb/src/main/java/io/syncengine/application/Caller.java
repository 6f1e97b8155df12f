package io.syncengine.application;

import java.util.Set;

/**
 * Who is calling, as their verified token says: the tenant every read and write is confined to, the subject
 * recorded as the author of what they send, their roles and, for a device, the one device id it may act as.
 */
public record Caller(String tenant, String subject, Set<String> roles, String deviceId) {

    public static final String DEVICE = "device";
    public static final String OPERATOR = "operator";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";

    /** Whether this caller may push as, and read the batches of, {@code device}. */
    public boolean mayActAs(String device) {
        if (roles.contains(OPERATOR) || roles.contains(ADMIN)) {
            return true;
        }
        return roles.contains(DEVICE) && device != null && device.equals(deviceId);
    }

    /** Whether this caller may read what {@code device} sent (auditors read everything of their tenant). */
    public boolean mayRead(String device) {
        return roles.contains(AUDITOR) || mayActAs(device);
    }
}

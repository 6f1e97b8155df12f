package io.syncengine.application;

/**
 * Port: a device's pulls as its status shows them (last pull time and cursor); pushes are recorded with the batch,
 * by {@link BatchIntake}.
 */
public interface DevicePulls {

    /**
     * Records that the device was answered a page ending at {@code cursor}, in a transaction of its own, once the
     * answer has ended: the terminal does not wait for it, and a failure here cannot undo what it was sent.
     */
    void pulled(String tenant, String deviceId, String cursor);
}

package io.syncengine.domain.model;

import java.io.Serializable;
import java.util.Objects;

/** The idempotency key of an operation: opIds are unique per device forever, devices unique per tenant. */
public class OperationKey implements Serializable {

    private static final long serialVersionUID = 1L;

    private String tenant;
    private String deviceId;
    private String opId;

    public OperationKey() {
    }

    public OperationKey(String tenant, String deviceId, String opId) {
        this.tenant = tenant;
        this.deviceId = deviceId;
        this.opId = opId;
    }

    public String getTenant() {
        return tenant;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public String getOpId() {
        return opId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OperationKey k && Objects.equals(tenant, k.tenant)
                && Objects.equals(deviceId, k.deviceId) && Objects.equals(opId, k.opId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, deviceId, opId);
    }

    @Override
    public String toString() {
        return tenant + "/" + deviceId + "/" + opId;
    }
}

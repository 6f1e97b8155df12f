package io.syncengine.domain.model;

import java.io.Serializable;
import java.util.Objects;

/** Primary key of every synchronised record: ids are the terminals' own, unique within a tenant. */
public class RecordKey implements Serializable {

    private static final long serialVersionUID = 1L;

    private String tenant;
    private String id;

    public RecordKey() {
    }

    public RecordKey(String tenant, String id) {
        this.tenant = tenant;
        this.id = id;
    }

    public String getTenant() {
        return tenant;
    }

    public String getId() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordKey k && Objects.equals(tenant, k.tenant) && Objects.equals(id, k.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, id);
    }
}

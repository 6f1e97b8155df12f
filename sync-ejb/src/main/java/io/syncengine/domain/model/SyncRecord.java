package io.syncengine.domain.model;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A record terminals synchronise. Its {@link #version} starts at 1 and rises by one on every applied UPDATE or
 * DELETE (JPA {@code @Version}: an optimistic lock that also guards writers outside the apply path). DELETE is a
 * soft delete: the row stays as a tombstone and keeps its version.
 *
 * <p>Subclasses expose their data fields by wire name ({@link #get}, {@link #set}); the generic operations here
 * (apply a partial update, compare content, render as JSON) work through those.
 */
@MappedSuperclass
public abstract class SyncRecord {

    /**
     * Name of the named query that reads a record of {@code type} locked ({@code FOR UPDATE}); parameters tenant
     * and id. Each record class declares it.
     */
    public static String lockQuery(EntityType type) {
        return type.recordClass().getSimpleName() + ".lock";
    }

    /** The version of a newly created record (EclipseLink's initial value of a numeric {@code @Version}). */
    public static final long FIRST_VERSION = 1;

    @Id
    private String tenant;

    @Id
    private String id;

    @Version
    private long version;

    private boolean deleted;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected SyncRecord() {
    }

    protected SyncRecord(String tenant, String id) {
        this.tenant = tenant;
        this.id = id;
    }

    public abstract EntityType type();

    /** The normalised value of a data field, by wire name. */
    protected abstract Object get(String field);

    /** Sets a data field, by wire name, to a normalised value. */
    protected abstract void set(String field, Object value);

    /** Applies the fields present in {@code data} (already validated); absent fields keep their value. */
    public void apply(JsonObject data, OffsetDateTime now) {
        for (FieldSpec field : type().fields()) {
            if (data.containsKey(field.name())) {
                set(field.name(), field.kind().normalise(data.get(field.name())));
            }
        }
        if (createdAt == null) {
            createdAt = now;
        }
        // Always changes, so an UPDATE that repeats current values still raises the version as the contract says.
        updatedAt = now;
    }

    /** Brings a tombstone back to life (an operator forced an update of a record deleted on the server). */
    public void restore(OffsetDateTime now) {
        deleted = false;
        updatedAt = now;
    }

    public void delete(OffsetDateTime now) {
        deleted = true;
        updatedAt = now;
    }

    /** Whether a CREATE carrying {@code data} describes exactly this record (a retried create is then a no-op). */
    public boolean hasContent(JsonObject data) {
        for (FieldSpec field : type().fields()) {
            Object sent = field.kind().normalise(data.get(field.name()));
            Object current = get(field.name());
            boolean same = sent instanceof BigDecimal a && current instanceof BigDecimal b
                    ? a.compareTo(b) == 0
                    : Objects.equals(sent, current);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** The record as terminals and reviewers see it: id, version, deleted flag and every data field. */
    public JsonObject toJson() {
        JsonObjectBuilder json = JsonText.object()
                .add("id", id)
                .add("version", version)
                .add("deleted", deleted);
        JsonObjectBuilder data = JsonText.object();
        for (FieldSpec field : type().fields()) {
            Object value = get(field.name());
            if (value == null) {
                data.add(field.name(), JsonValue.NULL);
            } else if (value instanceof BigDecimal amount) {
                data.add(field.name(), amount.toPlainString());
            } else if (value instanceof Long number) {
                data.add(field.name(), number);
            } else {
                data.add(field.name(), value.toString());
            }
        }
        return json.add("data", data).build();
    }

    public String getTenant() {
        return tenant;
    }

    public String getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public boolean isDeleted() {
        return deleted;
    }

    /** The id this record's field {@code name} refers to, or null. */
    public String reference(String name) {
        Object value = get(name);
        return value == null ? null : value.toString();
    }
}

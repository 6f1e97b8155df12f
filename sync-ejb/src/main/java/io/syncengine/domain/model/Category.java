package io.syncengine.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;

/** A product category; categories may nest through {@code parentId}. */
@Entity
@NamedQuery(name = "Category.lock", hints = @QueryHint(name = RowLock.HINT, value = RowLock.FOR_UPDATE),
        query = "SELECT r FROM Category r WHERE r.tenant = :tenant AND r.id = :id")
@Table(name = "category")
@IdClass(RecordKey.class)
public class Category extends SyncRecord {

    private String name;

    @Column(name = "parent_id")
    private String parentId;

    protected Category() {
    }

    Category(String tenant, String id) {
        super(tenant, id);
    }

    @Override
    public EntityType type() {
        return EntityType.CATEGORY;
    }

    @Override
    protected Object get(String field) {
        return switch (field) {
            case "name" -> name;
            case "parentId" -> parentId;
            default -> throw new IllegalArgumentException(field);
        };
    }

    @Override
    protected void set(String field, Object value) {
        switch (field) {
            case "name" -> name = (String) value;
            case "parentId" -> parentId = (String) value;
            default -> throw new IllegalArgumentException(field);
        }
    }
}

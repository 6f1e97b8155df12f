package io.syncengine.domain.model;

import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;

/** A customer a till can attach to a sale. */
@Entity
@NamedQuery(name = "Customer.lock", hints = @QueryHint(name = RowLock.HINT, value = RowLock.FOR_UPDATE),
        query = "SELECT r FROM Customer r WHERE r.tenant = :tenant AND r.id = :id")
@Table(name = "customer")
@IdClass(RecordKey.class)
public class Customer extends SyncRecord {

    private String name;
    private String email;
    private String phone;

    protected Customer() {
    }

    Customer(String tenant, String id) {
        super(tenant, id);
    }

    @Override
    public EntityType type() {
        return EntityType.CUSTOMER;
    }

    @Override
    protected Object get(String field) {
        return switch (field) {
            case "name" -> name;
            case "email" -> email;
            case "phone" -> phone;
            default -> throw new IllegalArgumentException(field);
        };
    }

    @Override
    protected void set(String field, Object value) {
        switch (field) {
            case "name" -> name = (String) value;
            case "email" -> email = (String) value;
            case "phone" -> phone = (String) value;
            default -> throw new IllegalArgumentException(field);
        }
    }
}

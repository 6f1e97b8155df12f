package io.syncengine.domain.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The record types terminals synchronise, by their wire name, with the fields their {@code data} may carry.
 * Sales and stock movements are part of the contract but not of this server version: operations on them are
 * recorded and rejected with a reason, never dropped.
 */
public enum EntityType {
    CATEGORY("category", Category.class),
    PRODUCT("product", Product.class),
    CUSTOMER("customer", Customer.class);

    private final String wireName;
    private final Class<? extends SyncRecord> recordClass;

    EntityType(String wireName, Class<? extends SyncRecord> recordClass) {
        this.wireName = wireName;
        this.recordClass = recordClass;
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends SyncRecord> recordClass() {
        return recordClass;
    }

    /** The fields of this type's {@code data}, in wire order. */
    public List<FieldSpec> fields() {
        return switch (this) {
            case CATEGORY -> List.of(
                    FieldSpec.required("name", FieldKind.TEXT, 100),
                    FieldSpec.reference("parentId", CATEGORY));
            case PRODUCT -> List.of(
                    FieldSpec.required("sku", FieldKind.TEXT, 64),
                    FieldSpec.required("name", FieldKind.TEXT, 200),
                    FieldSpec.required("price", FieldKind.MONEY, 0),
                    FieldSpec.required("stock", FieldKind.COUNT, 0),
                    FieldSpec.reference("categoryId", CATEGORY));
            case CUSTOMER -> List.of(
                    FieldSpec.required("name", FieldKind.TEXT, 200),
                    FieldSpec.optional("email", FieldKind.EMAIL, 254),
                    FieldSpec.optional("phone", FieldKind.PHONE, 40));
        };
    }

    /** A new, empty record of this type; the caller fills it from the operation's data. */
    public SyncRecord newRecord(String tenant, String id) {
        return switch (this) {
            case CATEGORY -> new Category(tenant, id);
            case PRODUCT -> new Product(tenant, id);
            case CUSTOMER -> new Customer(tenant, id);
        };
    }

    public static Optional<EntityType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(EntityType::wireName).collect(Collectors.joining(", "));
    }
}

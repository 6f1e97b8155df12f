package io.syncengine.domain.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The record types terminals synchronise, by their wire name, with the fields their {@code data} may carry.
 * Master data (category, product, customer) is created, edited and deleted under {@code @Version}; sales and stock
 * movements are facts: created once, never edited, and they change a product's stock by a delta.
 */
public enum EntityType {
    CATEGORY("category", Category.class),
    PRODUCT("product", Product.class),
    CUSTOMER("customer", Customer.class),
    SALE("sale", null),
    STOCK_MOVEMENT("stock-movement", null);

    private final String wireName;
    private final Class<? extends SyncRecord> recordClass;

    EntityType(String wireName, Class<? extends SyncRecord> recordClass) {
        this.wireName = wireName;
        this.recordClass = recordClass;
    }

    public String wireName() {
        return wireName;
    }

    /** The entity class of a master-data type. */
    public Class<? extends SyncRecord> recordClass() {
        if (recordClass == null) {
            throw new IllegalStateException(wireName + " is not master data");
        }
        return recordClass;
    }

    /** Whether records of this type are facts (sale, stock movement): CREATE only, stock changed by delta. */
    public boolean isFact() {
        return recordClass == null;
    }

    /** Whether an operation of {@code type} may be sent for this entity. */
    public boolean allows(OperationType type) {
        return !isFact() || type == OperationType.CREATE;
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
            case SALE -> List.of(
                    FieldSpec.required("receiptNo", FieldKind.TEXT, 64),
                    FieldSpec.reference("customerId", CUSTOMER),
                    FieldSpec.required("soldAt", FieldKind.TIME, 0),
                    FieldSpec.required("lines", FieldKind.LINES, 0),
                    FieldSpec.required("total", FieldKind.MONEY, 0));
            case STOCK_MOVEMENT -> List.of(
                    FieldSpec.requiredReference("productId", PRODUCT),
                    FieldSpec.required("delta", FieldKind.DELTA, 0),
                    FieldSpec.optional("reason", FieldKind.TEXT, 200));
        };
    }

    /** A new, empty record of this type; the caller fills it from the operation's data. */
    public SyncRecord newRecord(String tenant, String id) {
        return switch (this) {
            case CATEGORY -> new Category(tenant, id);
            case PRODUCT -> new Product(tenant, id);
            case CUSTOMER -> new Customer(tenant, id);
            case SALE, STOCK_MOVEMENT -> throw new IllegalStateException(wireName + " is not master data");
        };
    }

    /** By wire name; looked up once per row of a pull, so a map rather than a scan. */
    private static final Map<String, EntityType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EntityType::wireName, t -> t));

    public static Optional<EntityType> fromWire(String name) {
        return Optional.ofNullable(name == null ? null : BY_WIRE_NAME.get(name));
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(EntityType::wireName).collect(Collectors.joining(", "));
    }
}

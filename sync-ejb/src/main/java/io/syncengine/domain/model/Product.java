package io.syncengine.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** A product a till sells: its sku is unique among the tenant's live products. */
@Entity
@NamedQuery(name = "Product.lock", hints = @QueryHint(name = RowLock.HINT, value = RowLock.FOR_UPDATE),
        query = "SELECT r FROM Product r WHERE r.tenant = :tenant AND r.id = :id")
@Table(name = "product")
@IdClass(RecordKey.class)
public class Product extends SyncRecord {

    private String sku;
    private String name;
    private BigDecimal price;
    private Long stock;

    @Column(name = "category_id")
    private String categoryId;

    protected Product() {
    }

    Product(String tenant, String id) {
        super(tenant, id);
    }

    @Override
    public EntityType type() {
        return EntityType.PRODUCT;
    }

    public String getSku() {
        return sku;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public long getStock() {
        return stock == null ? 0 : stock;
    }

    @Override
    protected Object get(String field) {
        return switch (field) {
            case "sku" -> sku;
            case "name" -> name;
            case "price" -> price;
            case "stock" -> stock;
            case "categoryId" -> categoryId;
            default -> throw new IllegalArgumentException(field);
        };
    }

    @Override
    protected void set(String field, Object value) {
        switch (field) {
            case "sku" -> sku = (String) value;
            case "name" -> name = (String) value;
            case "price" -> price = (BigDecimal) value;
            case "stock" -> stock = (Long) value;
            case "categoryId" -> categoryId = (String) value;
            default -> throw new IllegalArgumentException(field);
        }
    }
}

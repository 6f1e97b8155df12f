package io.syncengine.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** A sale a till recorded: a fact, created once and never changed. Its lines are {@link SaleLineEntry} rows. */
@Entity
@Table(name = "sale")
@IdClass(RecordKey.class)
public class Sale {

    @Id
    private String tenant;

    @Id
    private String id;

    @Column(name = "sent_id")
    private String sentId;

    @Column(name = "device_id")
    private String deviceId;

    @Column(name = "op_id")
    private String opId;

    @Column(name = "receipt_no")
    private String receiptNo;

    @Column(name = "customer_id")
    private String customerId;

    @Column(name = "sold_at")
    private OffsetDateTime soldAt;

    private BigDecimal total;

    private boolean forced;

    @Version
    private long version;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected Sale() {
    }

    /**
     * @param id     the id it is stored under: the one the till sent, or a new one when that was taken
     * @param forced recorded by an operator although stock was insufficient
     */
    public static Sale recorded(SyncOperation op, String id, SaleData data, boolean forced, OffsetDateTime now) {
        Sale sale = new Sale();
        sale.tenant = op.getTenant();
        sale.id = id;
        sale.sentId = op.getEntityId();
        sale.deviceId = op.getDeviceId();
        sale.opId = op.getOpId();
        sale.receiptNo = data.receiptNo();
        sale.customerId = data.customerId();
        sale.soldAt = data.soldAt().atOffset(ZoneOffset.UTC);
        sale.total = data.total();
        sale.forced = forced;
        sale.createdAt = now;
        return sale;
    }

    /** The sale as the till described it, given its stored lines (in line order). */
    public SaleData data(List<SaleLineEntry> lines) {
        return new SaleData(receiptNo, customerId, soldAt.toInstant(),
                lines.stream().map(SaleLineEntry::asSent).toList(), total);
    }

    public String getTenant() {
        return tenant;
    }

    public String getId() {
        return id;
    }
}

package io.syncengine.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** A sale a till recorded. Its lines are {@link SaleLineEntry} rows. */
@Entity
@Table(name = "sale")
@IdClass(RecordKey.class)
public class Sale extends Fact {

    @Column(name = "receipt_no")
    private String receiptNo;

    @Column(name = "customer_id")
    private String customerId;

    @Column(name = "sold_at")
    private OffsetDateTime soldAt;

    private BigDecimal total;

    protected Sale() {
    }

    /**
     * @param id     the id it is stored under: the one the till sent, or a new one when that was taken
     * @param forced recorded by an operator although stock was insufficient
     */
    public static Sale recorded(SyncOperation op, String id, SaleData data, boolean forced, OffsetDateTime now) {
        Sale sale = new Sale();
        sale.recordedBy(op, id, forced, now);
        sale.receiptNo = data.receiptNo();
        sale.customerId = data.customerId();
        sale.soldAt = data.soldAt().atOffset(ZoneOffset.UTC);
        sale.total = data.total();
        return sale;
    }

    /** The sale as the till described it, given its stored lines (in line order). */
    public SaleData data(List<SaleLineEntry> lines) {
        return new SaleData(receiptNo, customerId, soldAt.toInstant(),
                lines.stream().map(SaleLineEntry::asSent).toList(), total);
    }
}

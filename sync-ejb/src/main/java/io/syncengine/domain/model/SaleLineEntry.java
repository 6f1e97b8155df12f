package io.syncengine.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/**
 * One stored line of a sale: what the till sold, at its price, next to the server's price when the sale applied
 * (auditors compare the two) and whether the product had been deleted on the server by then.
 */
@Entity
@Table(name = "sale_line")
@IdClass(SaleLineKey.class)
public class SaleLineEntry {

    @Id
    private String tenant;

    @Id
    @Column(name = "sale_id")
    private String saleId;

    @Id
    @Column(name = "line_no")
    private int lineNo;

    @Column(name = "product_id")
    private String productId;

    private long quantity;

    @Column(name = "unit_price")
    private BigDecimal unitPrice;

    @Column(name = "server_price")
    private BigDecimal serverPrice;

    @Column(name = "product_deleted")
    private boolean productDeleted;

    protected SaleLineEntry() {
    }

    public static SaleLineEntry of(Sale sale, StockPolicy.PricedLine priced) {
        SaleLineEntry entry = new SaleLineEntry();
        entry.tenant = sale.getTenant();
        entry.saleId = sale.getId();
        entry.lineNo = priced.line().lineNo();
        entry.productId = priced.line().productId();
        entry.quantity = priced.line().quantity();
        entry.unitPrice = priced.line().unitPrice();
        entry.serverPrice = priced.serverPrice();
        entry.productDeleted = priced.productDeleted();
        return entry;
    }

    SaleLine asSent() {
        return new SaleLine(lineNo, productId, quantity, unitPrice);
    }
}

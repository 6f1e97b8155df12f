package io.syncengine.domain.model;

import java.io.Serializable;
import java.util.Objects;

/** Primary key of a sale line: the sale's key and the line's position. */
public class SaleLineKey implements Serializable {

    private static final long serialVersionUID = 1L;

    private String tenant;
    private String saleId;
    private int lineNo;

    public SaleLineKey() {
    }

    public SaleLineKey(String tenant, String saleId, int lineNo) {
        this.tenant = tenant;
        this.saleId = saleId;
        this.lineNo = lineNo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaleLineKey k && Objects.equals(tenant, k.tenant) && Objects.equals(saleId, k.saleId)
                && lineNo == k.lineNo;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, saleId, lineNo);
    }
}

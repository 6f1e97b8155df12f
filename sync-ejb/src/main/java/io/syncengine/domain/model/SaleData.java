package io.syncengine.domain.model;

import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a till says about one sale: the validated {@code data} of a sale CREATE. */
public record SaleData(String receiptNo, String customerId, Instant soldAt, List<SaleLine> lines, BigDecimal total) {

    @SuppressWarnings("unchecked")
    public static SaleData of(JsonObject data) {
        return new SaleData(
                data.getString("receiptNo"),
                (String) FieldKind.REFERENCE.normalise(data.get("customerId")),
                (Instant) FieldKind.TIME.normalise(data.get("soldAt")),
                (List<SaleLine>) FieldKind.LINES.normalise(data.get("lines")),
                (BigDecimal) FieldKind.MONEY.normalise(data.get("total")));
    }

    /** Whether {@code other} describes the same sale (a retried post): same receipt, customer, time, lines, total. */
    public boolean sameAs(SaleData other) {
        if (!receiptNo.equals(other.receiptNo) || !Objects.equals(customerId, other.customerId)
                || !soldAt.equals(other.soldAt) || total.compareTo(other.total) != 0
                || lines.size() != other.lines.size()) {
            return false;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).sameAs(other.lines.get(i))) {
                return false;
            }
        }
        return true;
    }
}

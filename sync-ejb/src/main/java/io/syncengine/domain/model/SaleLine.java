package io.syncengine.domain.model;

import java.math.BigDecimal;

/**
 * One line of a sale as the till sent it.
 *
 * @param lineNo    its position in the sale, from 0 (as in the JSON pointer {@code /data/lines/0})
 * @param unitPrice the price the till sold at: the sale applies with it, whatever the server's price is now
 */
public record SaleLine(int lineNo, String productId, long quantity, BigDecimal unitPrice) {

    /** Whether {@code other} says the same (the line number aside); prices compare by value, 2.5 = 2.50. */
    boolean sameAs(SaleLine other) {
        return productId.equals(other.productId) && quantity == other.quantity
                && unitPrice.compareTo(other.unitPrice) == 0;
    }
}

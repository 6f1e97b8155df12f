package io.syncengine.bench;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * {@code --mix sales}, the sales-heavy mix of a shop's tills: after creating a few products of its own, a
 * terminal sends 70 % sales of 1 to 3 lines of the {@link SharedProducts}, 20 % stock movements (deliveries) of
 * them, and 10 % edits of its own products. Sales of the same products from every till contend for their row
 * locks, which is what this mix measures.
 *
 * <p>A healthy run has no conflicts: sales and movements carry no base version and never take stock below zero
 * (the shared stock is far larger than a run sells, and movements only add), and the edits carry the right base
 * versions ({@link OwnProducts}).
 */
final class SalesWorkload implements TerminalWorkload {

    /** Products a terminal creates first (in its first batch, part of the run) and alone edits; never sold. */
    static final int OWN_PRODUCTS = 5;
    static final int SALE_PERCENT = 70;
    static final int MOVEMENT_PERCENT = 20;
    private static final int MAX_LINES = 3;
    private static final int MAX_QUANTITY = 3;
    /** Lines sold at another price than the server's, as after an offline price change: the PRICE_DIFFERS path. */
    private static final int OTHER_PRICE_PERCENT = 5;
    private static final BigDecimal OTHER_PRICE = new BigDecimal("0.90");
    private static final int MAX_DELIVERY = 50;

    private final DeviceOperations ops;
    private final int opsPerBatch;
    private final List<String> shared;
    private final Random random;
    private final OwnProducts own;
    private int receipts;

    SalesWorkload(String deviceId, int opsPerBatch, List<String> sharedProducts, long seed) {
        this.ops = new DeviceOperations(deviceId);
        this.opsPerBatch = opsPerBatch;
        this.shared = sharedProducts;
        this.random = new Random(seed);
        this.own = new OwnProducts(ops, OWN_PRODUCTS, random);
    }

    @Override
    public JsonObject nextBatch(String batchId) {
        JsonArrayBuilder batch = BenchJson.array();
        for (int i = 0; i < opsPerBatch; i++) {
            batch.add(nextOperation());
        }
        return ops.batch(batchId, batch.build());
    }

    private JsonObject nextOperation() {
        if (!own.allCreated()) {
            return own.createNext();
        }
        int roll = random.nextInt(100);
        if (roll < SALE_PERCENT) {
            return sale();
        }
        if (roll < SALE_PERCENT + MOVEMENT_PERCENT) {
            return delivery();
        }
        return own.updateAny();
    }

    /** A sale of distinct shared products, its total the sum of its lines. */
    private JsonObject sale() {
        int lineCount = 1 + random.nextInt(MAX_LINES);
        JsonArrayBuilder lines = BenchJson.array();
        BigDecimal total = BigDecimal.ZERO;
        for (int product : random.ints(0, shared.size()).distinct().limit(lineCount).toArray()) {
            int quantity = 1 + random.nextInt(MAX_QUANTITY);
            BigDecimal unitPrice = random.nextInt(100) < OTHER_PRICE_PERCENT ? OTHER_PRICE : SharedProducts.PRICE;
            lines.add(BenchJson.object()
                    .add("productId", shared.get(product))
                    .add("quantity", quantity)
                    .add("unitPrice", unitPrice.toPlainString()));
            total = total.add(unitPrice.multiply(BigDecimal.valueOf(quantity)));
        }
        JsonObject data = BenchJson.object()
                .add("receiptNo", ops.deviceId() + "-" + ++receipts)
                .add("soldAt", DeviceOperations.now())
                .add("lines", lines)
                .add("total", total.toPlainString())
                .build();
        return ops.create("sale", UUID.randomUUID().toString(), data);
    }

    /** A stock movement that adds to a shared product, so it can never conflict. */
    private JsonObject delivery() {
        JsonObject data = BenchJson.object()
                .add("productId", shared.get(random.nextInt(shared.size())))
                .add("delta", 1 + random.nextInt(MAX_DELIVERY))
                .add("reason", "delivery")
                .build();
        return ops.create("stock-movement", UUID.randomUUID().toString(), data);
    }
}

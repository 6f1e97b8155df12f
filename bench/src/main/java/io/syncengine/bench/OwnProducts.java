package io.syncengine.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * The products one terminal creates itself and alone edits, with the version each will have on the server.
 *
 * <p>Every UPDATE carries the right {@code baseVersion}: nobody else touches these records, the server applies
 * one device's operations in {@code seq} order, and each applied UPDATE raises a version by one, so the version
 * the server will hold is known here without asking. Edits of them therefore never conflict in a healthy run.
 */
final class OwnProducts {

    private final DeviceOperations ops;
    private final Random random;
    private final String[] ids;
    private final long[] versions;
    private int created;

    OwnProducts(DeviceOperations ops, int count, Random random) {
        this.ops = ops;
        this.random = random;
        this.ids = new String[count];
        this.versions = new long[count];
    }

    boolean allCreated() {
        return created == ids.length;
    }

    /** The CREATE of the next product (sku unique in the tenant: device id and index). */
    JsonObject createNext() {
        int index = created++;
        ids[index] = UUID.randomUUID().toString();
        versions[index] = 1;
        return ops.createProduct(ids[index], ops.deviceId() + "-" + index,
                "Product " + index + " of " + ops.deviceId(), "1.00", 1000);
    }

    /** An UPDATE of the price or the stock of one of the products created so far, chosen at random. */
    JsonObject updateAny() {
        int index = random.nextInt(created);
        long baseVersion = versions[index]++;
        JsonObjectBuilder data = BenchJson.object();
        if (random.nextBoolean()) {
            data.add("price", String.format(Locale.ROOT, "%d.%02d", 1 + random.nextInt(99), random.nextInt(100)));
        } else {
            data.add("stock", random.nextInt(5000));
        }
        return ops.update("product", ids[index], baseVersion, data.build());
    }
}

package io.syncengine.web;

import io.syncengine.SyncNames;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-device limits on pushes and pulls, so one runaway terminal (a retry loop without back-off, a stolen token)
 * cannot take the node's capacity from the others: a token bucket per tenant and device, in this node's memory
 * (a cluster of n nodes allows up to n times as much). Over the limit is 429 with {@code Retry-After}. A rate of 0
 * turns a limit off.
 */
@ApplicationScoped
public class RateLimits {

    /** A device of a tenant: what is limited. */
    private record Device(String tenant, String deviceId) {
    }

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_RATE_PUSH_PER_SECOND, defaultValue = "50")
    double pushPerSecond;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_RATE_PUSH_BURST, defaultValue = "100")
    int pushBurst;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_RATE_PULL_PER_SECOND, defaultValue = "50")
    double pullPerSecond;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_RATE_PULL_BURST, defaultValue = "200")
    int pullBurst;

    private TokenBuckets<Device> pushes;
    private TokenBuckets<Device> pulls;

    @PostConstruct
    void start() {
        pushes = pushPerSecond > 0 ? new TokenBuckets<>(pushPerSecond, Math.max(1, pushBurst), System::nanoTime)
                : null;
        pulls = pullPerSecond > 0 ? new TokenBuckets<>(pullPerSecond, Math.max(1, pullBurst), System::nanoTime)
                : null;
    }

    /** Counts a push as {@code deviceId}; 429 when the device is over its limit. */
    public void push(String tenant, String deviceId) {
        admit(pushes, "pushes", pushPerSecond, tenant, deviceId);
    }

    /** Counts a pull by {@code deviceId}; 429 when the device is over its limit. */
    public void pull(String tenant, String deviceId) {
        admit(pulls, "pulls", pullPerSecond, tenant, deviceId);
    }

    private static void admit(TokenBuckets<Device> buckets, String what, double perSecond, String tenant,
            String deviceId) {
        if (buckets == null) {
            return;
        }
        long waitNanos = buckets.take(new Device(tenant, deviceId));
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
            String rate = perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond)
                    : Double.toString(perSecond);
            throw ProblemException.tooManyRequests("device " + deviceId + " makes more " + what + " than the "
                    + rate + " a second it is allowed; retry after " + seconds + " s", seconds);
        }
    }
}

package io.syncengine.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void aBurstIsAllowedAtOnceThenTheRate() {
        TokenBuckets<String> buckets = new TokenBuckets<>(10, 3, now::get);
        assertEquals(0, buckets.take("a"));
        assertEquals(0, buckets.take("a"));
        assertEquals(0, buckets.take("a"));
        long wait = buckets.take("a");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), wait, "one token comes every 100 ms at 10 a second");

        advanceMillis(99);
        assertTrue(buckets.take("a") > 0, "not yet");
        advanceMillis(1);
        assertEquals(0, buckets.take("a"));
        assertTrue(buckets.take("a") > 0);
    }

    @Test
    void keysHaveBucketsOfTheirOwn() {
        TokenBuckets<String> buckets = new TokenBuckets<>(1, 1, now::get);
        assertEquals(0, buckets.take("till-1"));
        assertTrue(buckets.take("till-1") > 0);
        assertEquals(0, buckets.take("till-2"));
    }

    @Test
    void refusedRequestsDoNotDeepenTheDebt() {
        TokenBuckets<String> buckets = new TokenBuckets<>(2, 1, now::get);
        buckets.take("a");
        for (int i = 0; i < 100; i++) {
            assertTrue(buckets.take("a") > 0);
        }
        advanceMillis(500);
        assertEquals(0, buckets.take("a"), "a refused request takes no token");
    }

    @Test
    void aQuietBucketFillsUpToTheBurstOnly() {
        TokenBuckets<String> buckets = new TokenBuckets<>(100, 2, now::get);
        advanceMillis(60_000);
        assertEquals(0, buckets.take("a"));
        assertEquals(0, buckets.take("a"));
        assertTrue(buckets.take("a") > 0);
    }

    @Test
    void bucketsFullAgainAreForgotten() {
        TokenBuckets<String> buckets = new TokenBuckets<>(10, 5, now::get);
        for (int i = 0; i < 1000; i++) {
            buckets.take("device-" + i);
        }
        assertEquals(1000, buckets.size());
        advanceMillis(1_000);
        buckets.take("active");
        assertEquals(1, buckets.size(), "only the bucket just used is kept");
    }

    @Test
    void aRateOrBurstOfNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBuckets<String>(0, 1, now::get));
        assertThrows(IllegalArgumentException.class, () -> new TokenBuckets<String>(1, 0, now::get));
    }
}

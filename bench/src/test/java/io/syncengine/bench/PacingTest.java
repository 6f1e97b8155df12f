package io.syncengine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacingTest {

    @Test
    void terminalsTogetherOfferTheRateOnSchedulesSpreadOverOneInterval() {
        // 20 terminals x 100 operations at 1,000 operations/s: each posts every 2 s, one terminal every 100 ms.
        Terminal.Pacing first = Terminal.Pacing.of(1000, 20, 100, 0);
        Terminal.Pacing second = Terminal.Pacing.of(1000, 20, 100, 1);
        Terminal.Pacing last = Terminal.Pacing.of(1000, 20, 100, 19);

        assertTrue(first.paced());
        assertEquals(2_000_000_000L, first.intervalNanos());
        assertEquals(0, first.offsetNanos());
        assertEquals(100_000_000L, second.offsetNanos());
        assertEquals(1_900_000_000L, last.offsetNanos());
    }

    @Test
    void rateZeroIsBackToBack() {
        assertFalse(Terminal.Pacing.of(0, 20, 100, 5).paced());
    }

    @Test
    void rateNeedsAPushPhase() {
        assertEquals(1000, BenchOptions.parse(new String[] {"--rate", "1000"}).rate());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--rate", "1000",
                "--batches", "0", "--pull-records", "10", "--pgbench-db-url", "jdbc:postgresql://h/db"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--rate", "-1"}));
    }
}

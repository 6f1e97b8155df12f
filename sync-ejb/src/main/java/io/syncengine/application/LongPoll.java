package io.syncengine.application;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Holds an answer until it is settled or the caller's wait is over: reads again after short, growing pauses
 * (20 ms up to 250 ms), so a waiting client costs one cheap read per pause rather than a request per poll.
 */
final class LongPoll {

    /** The longest a caller may ask to wait (contract: waitSeconds ≤ 30). */
    static final int MAX_WAIT_SECONDS = 30;

    private LongPoll() {
    }

    static <T> T await(Supplier<T> read, Predicate<T> settled, int waitSeconds) {
        long deadline = System.nanoTime() + Math.min(waitSeconds, MAX_WAIT_SECONDS) * 1_000_000_000L;
        long pauseMillis = 20;
        while (true) {
            T answer = read.get();
            if (settled.test(answer) || System.nanoTime() >= deadline) {
                return answer;
            }
            try {
                Thread.sleep(Math.min(pauseMillis, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            pauseMillis = Math.min(pauseMillis * 2, 250);
        }
    }
}

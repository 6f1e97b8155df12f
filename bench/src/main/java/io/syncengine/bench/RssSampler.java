package io.syncengine.bench;

import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the resident memory of the server's JVMs every 250 ms while the load runs and keeps the peaks. Heap
 * settings say what a JVM may use; RSS says what the machine actually had to give it, which is what sizing a
 * terminal-site server depends on. A process not found at first is looked for again at every sample.
 */
final class RssSampler {

    private static final long PERIOD_MILLIS = 250;

    private final int port;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-rss");
        t.setDaemon(true);
        return t;
    });
    private ServerProcesses.Pids pids = new ServerProcesses.Pids(OptionalLong.empty(), OptionalLong.empty());
    private long payaraPeakKib = -1;
    private long launcherPeakKib = -1;
    private int samples;

    private RssSampler(int port) {
        this.port = port;
    }

    /** The peaks seen, in KiB; empty for a process never found. */
    record Peaks(OptionalLong payara, OptionalLong payaraPid, OptionalLong launcher, OptionalLong launcherPid,
            int samples) {
    }

    static RssSampler start(int port) {
        RssSampler sampler = new RssSampler(port);
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return sampler;
    }

    Peaks stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        synchronized (this) {
            return new Peaks(peak(payaraPeakKib), pids.payara(), peak(launcherPeakKib), pids.launcher(), samples);
        }
    }

    private synchronized void sample() {
        if (pids.payara().isEmpty() || pids.launcher().isEmpty()) {
            pids = ServerProcesses.find(port);
        }
        samples++;
        payaraPeakKib = Math.max(payaraPeakKib, rss(pids.payara()));
        launcherPeakKib = Math.max(launcherPeakKib, rss(pids.launcher()));
    }

    private static long rss(OptionalLong pid) {
        return pid.isPresent() ? ServerProcesses.residentKib(pid.getAsLong()).orElse(-1) : -1;
    }

    private static OptionalLong peak(long kib) {
        return kib < 0 ? OptionalLong.empty() : OptionalLong.of(kib);
    }
}

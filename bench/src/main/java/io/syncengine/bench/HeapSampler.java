package io.syncengine.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Samples the heap the Payara JVM is using, every 250 ms, and keeps the first reading and the peak. RSS
 * ({@link RssSampler}) says what the machine gave the JVM and hardly ever goes down again; used heap says what the
 * server holds while it answers, which is what shows whether it streams a snapshot or gathers it first.
 *
 * <p>One {@code jstat -gc <pid> 250ms} runs for the whole measurement: a {@code jcmd} or {@code jstat} per sample
 * would start a JVM four times a second on the cores the server is being measured on. Used heap is the sum of
 * jstat's survivor, eden and old "used" columns; with G1 eden counts whole regions, so a reading is exact to a
 * region, and a peak that comes and goes between two samples is missed. jstat reads the JVM's performance data
 * file, so the bench must run as the server's user.
 *
 * <p>Used heap counts garbage too: between two young collections eden fills with the short-lived objects of the work
 * whatever its size, so its peak says little about whether the work <em>keeps</em> anything. The old generation
 * ({@code OU}) does: what survives collections ends up there, so its rise over the measurement is the heap the work
 * retained.
 */
final class HeapSampler {

    private static final long PERIOD_MILLIS = 250;
    private static final List<String> USED_COLUMNS = List.of("S0U", "S1U", "EU", "OU");
    private static final String OLD_COLUMN = "OU";
    private static final long FIRST_SAMPLE_PATIENCE_SECONDS = 10;

    /**
     * The readings in KiB, empty when there were none; then {@code note} says why.
     *
     * @param firstKib    used heap at the first reading
     * @param peakKib     the highest used heap read
     * @param oldFirstKib the old generation's occupancy at the first reading
     * @param oldPeakKib  its highest reading
     */
    record Usage(OptionalLong firstKib, OptionalLong peakKib, OptionalLong oldFirstKib, OptionalLong oldPeakKib,
            int samples, String note) {

        static Usage none(String note) {
            return new Usage(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                    0, note);
        }

        /** Peak less first: what the measured work added to the heap, garbage included. */
        OptionalLong growthKib() {
            return difference(peakKib, firstKib);
        }

        /** The old generation's peak less its first reading: what the measured work kept. */
        OptionalLong oldGrowthKib() {
            return difference(oldPeakKib, oldFirstKib);
        }

        private static OptionalLong difference(OptionalLong later, OptionalLong earlier) {
            return later.isPresent() && earlier.isPresent()
                    ? OptionalLong.of(later.getAsLong() - earlier.getAsLong()) : OptionalLong.empty();
        }
    }

    private final Process jstat;
    private final Thread reader;
    private final CountDownLatch firstSample = new CountDownLatch(1);
    private long firstKib = -1;
    private long peakKib = -1;
    private long oldFirstKib = -1;
    private long oldPeakKib = -1;
    private int samples;
    private String note;

    /** @param jstat null when sampling could not start; then {@code note} says why */
    private HeapSampler(Process jstat, String note) {
        this.jstat = jstat;
        this.note = note;
        this.reader = new Thread(this::read, "bench-heap");
        this.reader.setDaemon(true);
    }

    /**
     * Starts sampling the Payara Micro serving {@code port} and returns once the first reading is in (or it took
     * too long), so that reading is the heap before whatever is measured next. jstat is told to stop by itself at
     * the deadline, so it does not outlive a bench that was stopped before it could stop jstat.
     */
    static HeapSampler start(int port, Deadline deadline) throws InterruptedException {
        OptionalLong pid = ServerProcesses.find(port).payara();
        if (pid.isEmpty()) {
            return new HeapSampler(null, "no process with " + ServerProcesses.payaraCommand(port));
        }
        Path command = Path.of(System.getProperty("java.home"), "bin", "jstat");
        if (!Files.isExecutable(command)) {
            return new HeapSampler(null, "no " + command + " (the bench's java is not a JDK's)");
        }
        Process process;
        try {
            // An English locale, so that the numbers are written with a decimal point whatever the user's locale.
            process = new ProcessBuilder(command.toString(), "-J-Duser.language=en", "-J-Duser.country=US", "-gc",
                    Long.toString(pid.getAsLong()), PERIOD_MILLIS + "ms",
                    Long.toString(deadline.remaining().toMillis() / PERIOD_MILLIS + 1))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return new HeapSampler(null, "could not start " + command + ": " + e.getMessage());
        }
        HeapSampler sampler = new HeapSampler(process, null);
        sampler.reader.start();
        sampler.firstSample.await(FIRST_SAMPLE_PATIENCE_SECONDS, TimeUnit.SECONDS);
        return sampler;
    }

    Usage stop() throws InterruptedException {
        if (jstat != null) {
            jstat.destroy();
            reader.join(TimeUnit.SECONDS.toMillis(5));
        }
        synchronized (this) {
            return new Usage(kib(firstKib), kib(peakKib), kib(oldFirstKib), kib(oldPeakKib), samples, note);
        }
    }

    /** jstat writes a header line, then a line of values per sample; anything else says what went wrong. */
    private void read() {
        try (BufferedReader lines = jstat.inputReader()) {
            String header = lines.readLine();
            List<String> names = header == null ? List.of() : cells(header);
            if (!names.containsAll(USED_COLUMNS)) {
                fail("jstat: " + (header == null ? "no output" : header.strip()));
                return;
            }
            List<Integer> columns = USED_COLUMNS.stream().map(names::indexOf).toList();
            int old = names.indexOf(OLD_COLUMN);
            String line;
            while ((line = lines.readLine()) != null) {
                List<String> cells = cells(line);
                sample(columns.stream().mapToLong(i -> kib(cells.get(i))).sum(), kib(cells.get(old)));
            }
        } catch (IOException | RuntimeException e) {
            fail("reading jstat: " + e);
        } finally {
            firstSample.countDown();
        }
    }

    private synchronized void sample(long usedKib, long oldKib) {
        if (samples++ == 0) {
            firstKib = usedKib;
            oldFirstKib = oldKib;
            firstSample.countDown();
        }
        peakKib = Math.max(peakKib, usedKib);
        oldPeakKib = Math.max(oldPeakKib, oldKib);
    }

    private synchronized void fail(String why) {
        if (note == null) {
            note = why;
        }
    }

    private static List<String> cells(String line) {
        return List.of(line.strip().split("\\s+"));
    }

    /** A cell of jstat's: KiB with one decimal, or "-" for a space the collector does not have. */
    private static long kib(String cell) {
        return cell.equals("-") ? 0 : Math.round(Double.parseDouble(cell));
    }

    private static OptionalLong kib(long value) {
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }
}

package io.syncengine.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Payara Micro's console output on its way to the launcher's: copied as bytes, as many whole lines at a time as
 * have arrived, and read line by line for a failed deployment only while the application starts (Micro keeps
 * running without the application then, so waiting for readiness would only time out).
 *
 * <p>Under load Micro writes a line for every settled operation. Copied a line at a time (decoded, encoded again and
 * written with a system call each) that took about a tenth of the launcher's CPU while a queue drained
 * (docs/benchmarks.md). Only whole lines are written, so the launcher's own lines never land inside one of
 * Micro's; a line longer than the buffer goes out in parts.
 */
final class MicroConsole {

    /** What Micro logs when the application fails to deploy, and the application's own reason for it. */
    static final String LOAD_FAILED = "Exception while loading the app";
    static final String MIGRATION_FAILED = "database migration failed: ";

    private static final int BUFFER_BYTES = 16 * 1024;

    private final OutputStream out;
    private final ByteArrayOutputStream partLine = new ByteArrayOutputStream(256);
    private volatile boolean watching = true;
    private volatile String deployFailure;
    private StringBuilder reason;
    private int detailLines;

    MicroConsole(OutputStream out) {
        this.out = out;
    }

    /** Copies {@code in} to the output until it ends. */
    void relay(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        int kept = 0; // an unfinished line, at the buffer's start
        for (int read = in.read(buffer, kept, buffer.length - kept); read >= 0;
                read = in.read(buffer, kept, buffer.length - kept)) {
            int end = kept + read;
            int whole = lastLineEnd(buffer, kept, end);
            if (whole == 0 && end == buffer.length) {
                whole = end;
            }
            if (whole > 0) {
                emit(buffer, whole);
            }
            kept = end - whole;
            System.arraycopy(buffer, whole, buffer, 0, kept);
        }
        if (kept > 0) {
            emit(buffer, kept);
        }
    }

    /** The application is up: from now on its output is only copied. */
    void stopWatching() {
        watching = false;
    }

    /** Why the application failed to deploy, as far as the output said; null while nothing failed. */
    String deployFailure() {
        return deployFailure;
    }

    private void emit(byte[] buffer, int length) throws IOException {
        out.write(buffer, 0, length);
        out.flush();
        if (watching) {
            watch(buffer, length);
        }
    }

    /** The length of {@code buffer[0, end)} up to and including its last line end; 0 when none is at or after {@code from}. */
    private static int lastLineEnd(byte[] buffer, int from, int end) {
        for (int i = end - 1; i >= from; i--) {
            if (buffer[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private void watch(byte[] buffer, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (buffer[i] == '\n') {
                partLine.write(buffer, start, i - start);
                line(partLine.toString(StandardCharsets.UTF_8));
                partLine.reset();
                start = i + 1;
            }
        }
        partLine.write(buffer, start, length - start);
    }

    private void line(String line) {
        int at = line.indexOf(MIGRATION_FAILED);
        if (at >= 0 && reason == null) {
            reason = new StringBuilder(line.substring(at + MIGRATION_FAILED.length()).trim());
            detailLines = 3;
        } else if (reason != null && detailLines > 0 && !line.isBlank() && !line.startsWith("\t")) {
            reason.append(' ').append(line.trim());
            detailLines--;
        }
        if (line.contains(LOAD_FAILED)) {
            deployFailure = reason != null ? "the database migration failed: " + reason
                    : "Payara Micro could not load the application (its log above says why)";
        }
    }
}

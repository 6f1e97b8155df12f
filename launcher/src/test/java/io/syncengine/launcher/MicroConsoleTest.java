package io.syncengine.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the launcher copies Payara Micro's console output and reads a failed deployment in it. */
class MicroConsoleTest {

    @Test
    void copiesEveryByteAndWritesOnlyWholeLinesWhateverTheReadsReturn() throws IOException {
        String longLine = "x".repeat(40_000); // longer than the buffer: goes out in parts
        String text = "[INFO] Payara Micro starting\nopération 1 APPLIED tenant=t1 — ü\n" + longLine + "\n"
                + "a line\r\nthe last line, without its end";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Writes out = new Writes();

        new MicroConsole(out).relay(new Trickle(bytes, 7, 3, 5000, 1, 64));

        assertArrayEquals(bytes, out.toByteArray());
        List<String> writes = out.writes;
        for (String write : writes.subList(0, writes.size() - 1)) {
            assertTrue(write.endsWith("\n") || write.chars().allMatch(c -> c == 'x'),
                    "a write ended inside a line: " + write.substring(Math.max(0, write.length() - 40)));
        }
        assertEquals("the last line, without its end", writes.get(writes.size() - 1));
    }

    @Test
    void aFailedMigrationIsReportedWithTheApplicationsReasonEvenWhenItsLinesArriveInPieces() throws IOException {
        String log = "[INFO] Deploying sync\n"
                + "[SEVERE] java.lang.IllegalStateException: database migration failed: Validation Failed:\n"
                + "     1 changesets check sum\n"
                + "\tat io.syncengine.infrastructure.SchemaMigration.migrate(SchemaMigration.java:129)\n"
                + "          db/changelog/changes/003.sql was: 9:abc but is now: 9:def\n"
                + "\n"
                + "     (run liquibase clear-checksums only if the change was meant)\n"
                + "[SEVERE] Exception while loading the app : CDI deployment failure\n";
        MicroConsole console = new MicroConsole(new ByteArrayOutputStream());

        console.relay(new Trickle(log.getBytes(StandardCharsets.UTF_8), 11, 2, 9));

        assertEquals("the database migration failed: Validation Failed: 1 changesets check sum "
                + "db/changelog/changes/003.sql was: 9:abc but is now: 9:def "
                + "(run liquibase clear-checksums only if the change was meant)", console.deployFailure());
    }

    @Test
    void anApplicationThatFailsToLoadForAnotherReasonPointsAtTheLog() throws IOException {
        MicroConsole console = new MicroConsole(new ByteArrayOutputStream());

        console.relay(new Trickle("[SEVERE] Exception while loading the app : boom\n"
                .getBytes(StandardCharsets.UTF_8), 4));

        assertEquals("Payara Micro could not load the application (its log above says why)", console.deployFailure());
    }

    @Test
    void onceTheApplicationIsUpItsOutputIsOnlyCopied() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MicroConsole console = new MicroConsole(out);
        console.stopWatching();
        byte[] line = "[SEVERE] Exception while loading the app : a later redeploy\n".getBytes(StandardCharsets.UTF_8);

        console.relay(new Trickle(line, 100));

        assertNull(console.deployFailure());
        assertArrayEquals(line, out.toByteArray());
    }

    /** An input stream that returns its bytes in reads of the given sizes, in turn, as a pipe may. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final int[] sizes;
        private int position;
        private int turn;

        Trickle(byte[] bytes, int... sizes) {
            this.bytes = bytes;
            this.sizes = sizes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (position == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, sizes[turn++ % sizes.length]), bytes.length - position);
            System.arraycopy(bytes, position, into, offset, n);
            position += n;
            return n;
        }
    }

    /** An output stream that remembers each write. */
    private static final class Writes extends ByteArrayOutputStream {
        final List<String> writes = new ArrayList<>();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            writes.add(new String(Arrays.copyOfRange(b, off, off + len), StandardCharsets.UTF_8));
        }
    }
}

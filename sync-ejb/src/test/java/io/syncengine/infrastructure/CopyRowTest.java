package io.syncengine.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncengine.domain.model.JsonOut;
import io.syncengine.domain.model.JsonText;
import io.syncengine.schema.ScratchDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/** How a pull reads COPY's text rows, and writes a page's values into the COPY's query. */
class CopyRowTest {

    @Test
    void columnsAreSplitAtTabsAndDecoded() {
        CopyRow row = new CopyRow(7);
        row.read(bytes("till-1\tb\\tc\\\\d\t\\N\t-42\tt\t2026-11-29 14:19:41.8996\tf\n"));
        assertEquals("till-1", row.text(1));
        assertEquals("b\tc\\d", row.text(2));
        assertNull(row.text(3));
        assertEquals(-42, row.number(4));
        assertTrue(row.bool(5));
        assertEquals(Instant.parse("2026-11-29T14:19:41.899600Z"), row.utcTimestamp(6));
        assertFalse(row.bool(7));

        row.read(bytes("x\t\t\\N\t0\tf\t2026-11-29 14:19:41\tf\n"));
        assertEquals("", row.text(2), "an empty string is not null");
        assertEquals(Instant.parse("2026-11-29T14:19:41Z"), row.utcTimestamp(6), "no fraction when there is none");
    }

    @Test
    void timestampsOfEveryPrecisionAndOutsideTheUsualFormAreRead() {
        CopyRow row = new CopyRow(1);
        for (String[] pair : new String[][] {
                {"2026-11-29 14:19:41.1", "2026-11-29T14:19:41.100Z"},
                {"2026-11-29 14:19:41.123456", "2026-11-29T14:19:41.123456Z"},
                {"2024-02-29 23:59:59.000001", "2024-02-29T23:59:59.000001Z"},
                {"1970-01-01 00:00:00", "1970-01-01T00:00:00Z"},
                {"1969-12-31 23:59:59.5", "1969-12-31T23:59:59.500Z"},
                {"0001-01-01 00:00:00", "0001-01-01T00:00:00Z"},
                {"12026-11-29 14:19:41.25", "+12026-11-29T14:19:41.250Z"}}) {
            row.read(bytes(pair[0] + "\n"));
            assertEquals(Instant.parse(pair[1]), row.utcTimestamp(1), pair[0]);
            assertEquals("\"" + Instant.parse(pair[1]) + "\"", json(out -> row.writeUtcTimestamp(1, out)),
                    "written as Instant writes it (RFC 3339, seconds always): " + pair[0]);
        }
    }

    @Test
    void columnsAreWrittenAsJsonFromTheRowsBytes() {
        CopyRow row = new CopyRow(5);
        row.read(bytes("till-1\tb\\tc\\\\d \"q\" \\001 é\t\\N\t-42\tproduct\n"));
        assertEquals("\"till-1\"", json(out -> row.writeString(1, out)));
        assertEquals("\"b\\tc\\\\d \\\"q\\\" \\u0001 é\"", json(out -> row.writeString(2, out)));
        assertEquals("null", json(out -> row.writeString(3, out)));
        assertEquals("null", json(out -> row.writeRaw(3, out)));
        assertEquals("-42", json(out -> row.writeRaw(4, out)));
        assertTrue(row.holds(5, JsonOut.ascii("product")));
        assertFalse(row.holds(5, JsonOut.ascii("products")));
        assertFalse(row.holds(3, JsonOut.ascii("\\N")), "a null holds nothing");
    }

    @Test
    void aRowOfTheWrongShapeIsRefused() {
        CopyRow row = new CopyRow(3);
        assertThrows(IllegalStateException.class, () -> row.read(bytes("a\tb\n")));
        assertThrows(IllegalStateException.class, () -> row.read(bytes("a\tb\tc\td\n")));
        row.read(bytes("a\tb\t12x\n"));
        assertThrows(NumberFormatException.class, () -> row.number(3));
    }

    /** Strings that need escaping, quoting or more than one byte, written as literals and read back through COPY. */
    @Test
    void whatPostgresqlWritesIsReadBackAsItWasGiven() throws Exception {
        List<String> values = List.of("plain", "it's", "tab\there", "two\nlines", "carriage\rreturn", "back\\slash",
                "\\N", "?", "bell\b form\f vtab\u000b", "Crème brûlée ☕ 🍩", "", "'); DROP TABLE product; --");
        ScratchDatabase.run(database -> {
            try (Connection c = database.connect()) {
                PGConnection pg = c.unwrap(PGConnection.class);
                for (String value : values) {
                    List<Object> params = new ArrayList<>(List.of(value, 7L, 3));
                    String sql = JdbcChangeFeed.literals(pg, "COPY (SELECT ?::text, ?::bigint + ?, "
                            + "timestamptz '2026-11-29 14:19:41.5+00' AT TIME ZONE 'UTC') TO STDOUT", params);
                    CopyOut copy = pg.getCopyAPI().copyOut(sql);
                    CopyRow row = new CopyRow(3);
                    row.read(copy.readFromCopy());
                    assertNull(copy.readFromCopy(), "one row");
                    assertEquals(value, row.text(1), sql);
                    assertEquals(value, JsonText.parseArray("[" + json(out -> row.writeString(1, out)) + "]")
                            .getString(0), "as JSON: " + sql);
                    assertEquals(10, row.number(2));
                    assertEquals(Instant.parse("2026-11-29T14:19:41.5Z"), row.utcTimestamp(3));
                }
            }
        });
    }

    private static String json(Consumer<JsonOut> writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonOut out = new JsonOut(bytes, 64)) {
            writing.accept(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

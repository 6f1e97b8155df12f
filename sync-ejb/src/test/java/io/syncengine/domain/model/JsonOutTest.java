package io.syncengine.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte-level JSON writer of pull pages: what it writes parses back to what it was given. */
class JsonOutTest {

    private static final List<String> STRINGS = List.of("", "plain", "quote\"d", "back\\slash", "two\nlines",
            "tab\tcr\rbell\u0007 nul\u0000 unit\u001f del\u007f", "\b\f", "Crème brûlée ☕ 🍩", "/not escaped/",
            "x".repeat(300));

    @Test
    void stringsFromTextAndFromUtf8BytesParseBackAsGiven() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonOut out = new JsonOut(bytes, 64)) { // smaller than some values: they cross the buffer's edge
            out.raw('[');
            for (String value : STRINGS) {
                byte[] utf8 = ("<<" + value + ">>").getBytes(StandardCharsets.UTF_8);
                out.string(value).raw(',').string(utf8, 2, utf8.length - 2).raw(',');
            }
            out.string(null).raw(']');
        }
        JsonArray array = JsonText.parseArray(bytes.toString(StandardCharsets.UTF_8));
        List<String> read = new ArrayList<>();
        for (int i = 0; i < array.size() - 1; i++) {
            read.add(array.getString(i));
        }
        List<String> expected = new ArrayList<>();
        STRINGS.forEach(value -> expected.addAll(List.of(value, value)));
        assertEquals(expected, read);
        assertEquals(jakarta.json.JsonValue.NULL, array.get(array.size() - 1));
    }

    @Test
    void numbersAreWrittenAsJavaWritesThem() throws IOException {
        List<Long> values = new ArrayList<>(List.of(0L, 7L, -7L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
            values.addAll(List.of(power, power - 1, power * 10 - 1, -power));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        try (JsonOut out = new JsonOut(bytes, 64)) {
            for (long value : values) {
                out.number(value).raw(' ');
                expected.append(value).append(' ');
            }
            out.bool(true).bool(false).nullValue();
        }
        assertEquals(expected + "truefalsenull", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStreamThatFailsIsReportedUnchecked() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("the client went away");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("the client went away");
            }
        };
        JsonOut out = new JsonOut(broken, 64);
        assertThrows(UncheckedIOException.class, () -> {
            for (int i = 0; i < 100; i++) {
                out.string("more than the buffer holds");
            }
        });
    }
}

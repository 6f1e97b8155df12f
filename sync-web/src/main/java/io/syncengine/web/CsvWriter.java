package io.syncengine.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * Writes CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line
 * break) to a response as rows come. Text that came from terminals may start like a spreadsheet formula; such a
 * field is prefixed with an apostrophe so that opening the export in a spreadsheet never runs it.
 */
final class CsvWriter implements AutoCloseable {

    private final Writer out;
    private boolean lineStarted;

    CsvWriter(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 16 * 1024);
    }

    CsvWriter header(String... names) {
        for (String name : names) {
            text(name);
        }
        return endRow();
    }

    CsvWriter text(String value) {
        if (value == null) {
            return field("");
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return field(quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe);
    }

    CsvWriter number(Long value) {
        return field(value == null ? "" : value.toString());
    }

    CsvWriter time(OffsetDateTime value) {
        return field(value == null ? "" : value.toString());
    }

    CsvWriter endRow() {
        write("\r\n");
        lineStarted = false;
        return this;
    }

    private CsvWriter field(String text) {
        if (lineStarted) {
            write(",");
        }
        write(text);
        lineStarted = true;
        return this;
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}

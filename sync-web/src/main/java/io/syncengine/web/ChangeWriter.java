package io.syncengine.web;

import io.syncengine.application.Change;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a pull page as it is read: {@code {"changes":[…],"cursor":"…","hasMore":…}}. Each record's data arrives as
 * JSON text built by the database and is copied through; parsing it only to write it again cost most of a pull's
 * CPU. The few strings written here are escaped by JSON's rules.
 */
final class ChangeWriter implements AutoCloseable {

    private final Writer out;
    private boolean first = true;

    ChangeWriter(OutputStream stream) throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        out.write("{\"changes\":[");
    }

    void write(Change change) {
        try {
            out.write(first ? "{" : ",{");
            first = false;
            out.write("\"entity\":");
            string(change.entity());
            out.write(",\"entityId\":");
            string(change.entityId());
            out.write(",\"version\":");
            out.write(Long.toString(change.version()));
            out.write(",\"deleted\":");
            out.write(Boolean.toString(change.deleted()));
            out.write(",\"data\":");
            out.write(change.dataJson() == null ? "null" : change.dataJson());
            out.write(",\"changedAt\":");
            string(change.changedAt().toString());
            out.write('}');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void end(String cursor, boolean hasMore) throws IOException {
        out.write("],\"cursor\":");
        string(cursor);
        out.write(",\"hasMore\":");
        out.write(Boolean.toString(hasMore));
        out.write('}');
        out.flush();
    }

    private void string(String value) throws IOException {
        out.write('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                default -> {
                    if (c < 0x20) {
                        out.write(String.format("\\u%04x", (int) c));
                    } else {
                        out.write(c);
                    }
                }
            }
        }
        out.write('"');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

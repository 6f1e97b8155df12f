package io.syncengine.web;

import io.syncengine.application.Change;
import io.syncengine.domain.model.JsonText;
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
    private final StringBuilder line = new StringBuilder(256);
    private boolean first = true;

    ChangeWriter(OutputStream stream) throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        out.write("{\"changes\":[");
    }

    void write(Change change) {
        line.setLength(0);
        line.append(first ? "{" : ",{");
        first = false;
        line.append("\"entity\":");
        JsonText.quote(change.entity(), line);
        line.append(",\"entityId\":");
        JsonText.quote(change.entityId(), line);
        line.append(",\"version\":").append(change.version())
                .append(",\"deleted\":").append(change.deleted())
                .append(",\"data\":").append(change.dataJson() == null ? "null" : change.dataJson())
                .append(",\"changedAt\":");
        JsonText.quote(change.changedAt().toString(), line);
        line.append('}');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void end(String cursor, boolean hasMore) throws IOException {
        line.setLength(0);
        line.append("],\"cursor\":");
        JsonText.quote(cursor, line);
        line.append(",\"hasMore\":").append(hasMore).append('}');
        out.append(line);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

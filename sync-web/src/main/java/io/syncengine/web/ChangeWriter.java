package io.syncengine.web;

import io.syncengine.application.Change;
import io.syncengine.domain.model.JsonOut;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a pull page as it is read: {@code {"changes":[…],"cursor":"…","hasMore":…}}, as UTF-8 bytes into the
 * response through one buffer. Each change writes its own values ({@link Change}) straight from the database's
 * bytes; what this class adds is the page's and each change's structure.
 */
final class ChangeWriter implements AutoCloseable {

    private static final byte[] START = JsonOut.ascii("{\"changes\":[");
    private static final byte[] FIRST_ENTITY = JsonOut.ascii("{\"entity\":");
    private static final byte[] NEXT_ENTITY = JsonOut.ascii(",{\"entity\":");
    private static final byte[] ENTITY_ID = JsonOut.ascii(",\"entityId\":");
    private static final byte[] VERSION = JsonOut.ascii(",\"version\":");
    private static final byte[] DELETED = JsonOut.ascii(",\"deleted\":");
    private static final byte[] DATA = JsonOut.ascii(",\"data\":");
    private static final byte[] CHANGED_AT = JsonOut.ascii(",\"changedAt\":");
    private static final byte[] CURSOR = JsonOut.ascii("],\"cursor\":");
    private static final byte[] HAS_MORE = JsonOut.ascii(",\"hasMore\":");

    private final JsonOut out;
    private boolean first = true;

    ChangeWriter(OutputStream stream) {
        out = new JsonOut(stream, 64 * 1024);
        out.raw(START);
    }

    void write(Change change) {
        out.raw(first ? FIRST_ENTITY : NEXT_ENTITY).string(change.entity().wireName());
        first = false;
        out.raw(ENTITY_ID);
        change.writeId(out);
        out.raw(VERSION).number(change.version());
        out.raw(DELETED).bool(change.deleted());
        out.raw(DATA);
        change.writeData(out);
        out.raw(CHANGED_AT);
        change.writeChangedAt(out);
        out.raw('}');
    }

    void end(String cursor, boolean hasMore) throws IOException {
        out.raw(CURSOR).string(cursor).raw(HAS_MORE).bool(hasMore).raw('}');
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

package io.syncengine.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncengine.application.Change;
import io.syncengine.domain.model.EntityType;
import io.syncengine.domain.model.JsonOut;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChangeWriterTest {

    /** A change whose values are held as Java values (the feed's are views of database rows). */
    private record Held(EntityType entity, String id, long version, boolean deleted, String price, String at)
            implements Change {

        @Override
        public void writeId(JsonOut out) {
            out.string(id);
        }

        @Override
        public void writeData(JsonOut out) {
            if (deleted) {
                out.nullValue();
            } else {
                out.raw(JsonOut.ascii("{\"price\":")).string(price).raw('}');
            }
        }

        @Override
        public void writeChangedAt(JsonOut out) {
            out.string(at);
        }
    }

    @Test
    void writesAPageThatParsesBackWithEveryStringEscaped() throws Exception {
        String awkwardId = "a\"b\\c\nd\u0001é";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ChangeWriter writer = new ChangeWriter(bytes)) {
            writer.write(new Held(EntityType.PRODUCT, awkwardId, 3, false, "2.49", "2026-11-21T10:00:00Z"));
            writer.write(new Held(EntityType.CATEGORY, "c1", 2, true, null, "2026-11-21T10:00:01.500Z"));
            writer.end("cur\"sor", true);
        }
        JsonObject page = Json.createReader(new StringReader(bytes.toString(StandardCharsets.UTF_8))).readObject();
        JsonObject first = page.getJsonArray("changes").getJsonObject(0);
        assertEquals("product", first.getString("entity"));
        assertEquals(awkwardId, first.getString("entityId"));
        assertEquals("2.49", first.getJsonObject("data").getString("price"));
        assertEquals(3, first.getInt("version"));
        assertEquals("2026-11-21T10:00:00Z", first.getString("changedAt"));
        JsonObject tombstone = page.getJsonArray("changes").getJsonObject(1);
        assertEquals("category", tombstone.getString("entity"));
        assertTrue(tombstone.getBoolean("deleted"));
        assertTrue(tombstone.isNull("data"));
        assertEquals("cur\"sor", page.getString("cursor"));
        assertTrue(page.getBoolean("hasMore"));
    }
}

package io.syncengine.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncengine.application.Change;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ChangeWriterTest {

    @Test
    void writesAPageThatParsesBackWithEveryStringEscaped() throws Exception {
        String awkwardId = "a\"b\\c\nd\u0001é";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ChangeWriter writer = new ChangeWriter(bytes)) {
            writer.write(new Change("product", awkwardId, 3, false, "{\"name\": \"Tea\", \"price\": \"2.49\"}",
                    OffsetDateTime.parse("2026-11-21T10:00:00Z"), 7));
            writer.write(new Change("category", "c1", 2, true, null, OffsetDateTime.parse("2026-11-21T10:00:01Z"),
                    8));
            writer.end("cur\"sor", true);
        }
        JsonObject page = Json.createReader(new StringReader(bytes.toString(StandardCharsets.UTF_8))).readObject();
        JsonObject first = page.getJsonArray("changes").getJsonObject(0);
        assertEquals(awkwardId, first.getString("entityId"));
        assertEquals("2.49", first.getJsonObject("data").getString("price"));
        assertEquals(3, first.getInt("version"));
        JsonObject tombstone = page.getJsonArray("changes").getJsonObject(1);
        assertTrue(tombstone.getBoolean("deleted"));
        assertTrue(tombstone.isNull("data"));
        assertEquals("cur\"sor", page.getString("cursor"));
        assertTrue(page.getBoolean("hasMore"));
    }
}

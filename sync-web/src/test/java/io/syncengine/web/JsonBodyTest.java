package io.syncengine.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.syncengine.domain.model.FieldError;
import io.syncengine.domain.model.JsonText;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    private static final JsonBody.Limits LIMITS = new JsonBody.Limits(4, 10);

    private static FieldError refused(String json) {
        ProblemException e = assertThrows(ProblemException.class, () -> JsonBody.parse(json, LIMITS));
        assertEquals(400, e.status());
        assertEquals(1, e.errors().size(), e.errors().toString());
        return e.errors().get(0);
    }

    @Test
    void aDocumentWithinTheLimitsIsReadAsTheReaderWouldReadIt() {
        String json = "{\"a\":[1,2.50,-3e2,true,null,\"0123456789\",{\"b\":[]}],\"c\":{\"d\":\"x\"},\"a\":7}";
        JsonValue value = JsonBody.parse(json, LIMITS);
        assertEquals(JsonText.parse(json), value);
        assertEquals("{\"a\":7,\"c\":{\"d\":\"x\"}}", value.toString(), "the last of a repeated member wins");
    }

    @Test
    void nestingDeeperThanTheLimitNamesWhere() {
        FieldError error = refused("{\"a\":[{\"b\":{\"c\":[]}}]}");
        assertEquals("/a/0/b/c", error.pointer());
        assertEquals("nests objects and arrays deeper than 4 levels", error.message());
        assertEquals("/0/0/0/0", refused("[[[[[1]]]]]").pointer());
    }

    @Test
    void aLongStringOrMemberNameNamesWhere() {
        FieldError value = refused("{\"ops\":[{\"name\":\"01234567890\"}]}");
        assertEquals("/ops/0/name", value.pointer());
        assertEquals("must be at most 10 characters long", value.message());
        assertEquals("/ops/0/a~1b~0cdefghijk", refused("{\"ops\":[{\"a/b~cdefghijk\":1}]}").pointer());
    }

    @Test
    void aNumberBeyondWhatPostgresqlHoldsNamesWhere() {
        assertEquals("/a/1", refused("{\"a\":[1,1e999999999]}").pointer());
        assertEquals("/b", refused("{\"b\":1e-20000}").pointer());
        assertEquals(JsonText.parse("[1e131071,1e-16383]"), JsonBody.parse("[1e131071,1e-16383]", LIMITS));
    }

    @Test
    void malformedDocumentsAreOneProblemAtTheRoot() {
        for (String json : List.of("", "{", "{\"a\":}", "[1,]", "{} {}", "nul", "{\"a\":1}}")) {
            FieldError error = refused(json);
            assertEquals("", error.pointer(), json);
        }
    }

    @Test
    void anObjectBodyRefusesUnknownMembersAndNul() {
        ProblemException unknown = assertThrows(ProblemException.class,
                () -> JsonBody.object("{\"action\":\"DISCARD\",\"extra\":1}", Set.of("action"), LIMITS));
        assertEquals("/extra", unknown.errors().get(0).pointer());
        ProblemException nul = assertThrows(ProblemException.class,
                () -> JsonBody.object("{\"action\":\"a\\u0000b\"}", Set.of("action"), LIMITS));
        assertEquals("/action", nul.errors().get(0).pointer());
    }
}

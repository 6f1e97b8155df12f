package io.syncengine.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CursorTextTest {

    @Test
    void partsComeBackAsTheyWentInWhateverTheyHold() {
        String[] parts = {"a|b", "100%", "ü\n"};
        assertArrayEquals(parts, CursorText.decode(CursorText.encode(parts), 3));
    }

    @Test
    void aCursorWithNulIsInvalidNotAQueryParameter() {
        String nul = Base64.getUrlEncoder().withoutPadding().encodeToString("\0".getBytes(StandardCharsets.UTF_8));
        assertThrows(InvalidCursorException.class, () -> CursorText.decode(nul, 1));
        assertThrows(InvalidCursorException.class, () -> CursorText.decode(CursorText.encode("a\0"), 1));
        assertThrows(InvalidCursorException.class, () -> CursorText.decode("AA", 1));
    }
}

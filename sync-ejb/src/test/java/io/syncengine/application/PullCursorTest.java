package io.syncengine.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.syncengine.domain.model.EntityType;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PullCursorTest {

    @Test
    void aCursorAfterAnyRecordIdComesBackAsItWent() {
        // Record ids are the terminals' own: any character, the separator of the cursor's parts included.
        PullCursor cursor = PullCursor.snapshot(42, EnumSet.of(EntityType.PRODUCT, EntityType.CATEGORY),
                Instant.ofEpochSecond(1_795_000_000L))
                .afterChange(57, "product", "a|b\nc%d", Instant.ofEpochSecond(1_795_000_001L));
        assertEquals(cursor, PullCursor.decode(cursor.encode()));
    }

    @Test
    void textThatIsNotACursorIsRefused() {
        assertThrows(InvalidCursorException.class, () -> PullCursor.decode("not-a-cursor"));
        assertThrows(InvalidCursorException.class, () -> PullCursor.decode(CursorText.encode("v1", "DELTA")));
    }
}

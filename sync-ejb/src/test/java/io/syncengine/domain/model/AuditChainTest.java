package io.syncengine.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 22, 9, 30, 0, 123_456_000, ZoneOffset.UTC);

    private static AuditEvent event(long id, String subject, Long after) {
        return new AuditEvent(id, "t1", "APPLIED", subject, "till-1", "op-1", "b-1", 3L, "product", "p-1",
                "UPDATE", 1L, after, "ab".repeat(32), "{\"assignedId\": \"x\"}", AT, AT);
    }

    @Test
    void theHashCoversPositionPreviousHashAndEveryField() {
        String hash = AuditChain.hash(1, AuditChain.GENESIS, event(10, "till-1", 2L));
        assertEquals(64, hash.length());
        assertEquals(hash, AuditChain.hash(1, AuditChain.GENESIS, event(10, "till-1", 2L)), "deterministic");
        assertNotEquals(hash, AuditChain.hash(2, AuditChain.GENESIS, event(10, "till-1", 2L)));
        assertNotEquals(hash, AuditChain.hash(1, "f".repeat(64), event(10, "till-1", 2L)));
        assertNotEquals(hash, AuditChain.hash(1, AuditChain.GENESIS, event(10, "mallory", 2L)));
        assertNotEquals(hash, AuditChain.hash(1, AuditChain.GENESIS, event(10, "till-1", 7L)));
        assertNotEquals(hash, AuditChain.hash(1, AuditChain.GENESIS, event(10, "till-1", null)));
    }

    @Test
    void aFieldCannotSpillIntoItsNeighbour() {
        AuditEvent a = new AuditEvent(1, "t1", "APPLIED", "ab", "c", null, null, null, null, null, null, null, null,
                null, null, null, AT);
        AuditEvent b = new AuditEvent(1, "t1", "APPLIED", "a", "bc", null, null, null, null, null, null, null, null,
                null, null, null, AT);
        assertNotEquals(a.canonical(), b.canonical());
    }

    @Test
    void timesAreWrittenToTheMicrosecondInUtc() {
        OffsetDateTime local = AT.withOffsetSameInstant(ZoneOffset.ofHours(2));
        assertEquals("2026-11-22T09:30:00.123456Z", AuditEvent.time(local));
    }

    @Test
    void checkNamesWhatIsWrongWithALink() {
        AuditEvent event = event(10, "till-1", 2L);
        String hash = AuditChain.hash(5, "a".repeat(64), event);
        assertNull(AuditChain.check(5, "a".repeat(64), 5, "a".repeat(64), hash, event));
        assertTrue(AuditChain.check(5, "a".repeat(64), 6, "a".repeat(64), hash, event).contains("link 5 is missing"));
        assertTrue(AuditChain.check(5, "b".repeat(64), 5, "a".repeat(64), hash, event).contains("does not follow"));
        assertTrue(AuditChain.check(5, "a".repeat(64), 5, "a".repeat(64), hash, null).contains("missing"));
        assertTrue(AuditChain.check(5, "a".repeat(64), 5, "a".repeat(64), hash, event(10, "mallory", 2L))
                .contains("changed"));
    }
}

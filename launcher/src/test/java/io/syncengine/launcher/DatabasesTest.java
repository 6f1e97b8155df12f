package io.syncengine.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which database URLs name a server on this machine (the launcher then sizes the apply sessions to the cores). */
class DatabasesTest {

    @Test
    void loopbackHostsAreThisMachine() {
        assertTrue(Databases.onThisMachine("jdbc:postgresql://localhost:5432/sync"));
        assertTrue(Databases.onThisMachine("jdbc:postgresql://LOCALHOST/sync?sslmode=disable"));
        assertTrue(Databases.onThisMachine("jdbc:postgresql://127.0.0.1:5432/sync"));
        assertTrue(Databases.onThisMachine("jdbc:postgresql://127.0.0.2/sync"));
        assertTrue(Databases.onThisMachine("jdbc:postgresql://[::1]:5432/sync"));
    }

    @Test
    void otherHostsAreNot() {
        assertFalse(Databases.onThisMachine("jdbc:postgresql://192.0.2.10:5432/sync"), "a documentation address");
        assertFalse(Databases.onThisMachine("jdbc:postgresql://192.0.2.10,192.0.2.11/sync"), "several hosts");
    }
}

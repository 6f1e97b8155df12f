package io.syncengine.domain.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain over a tenant's event log. Link {@code n} carries the hash of link {@code n - 1} and its own hash
 * over its position, that previous hash and the event's {@link AuditEvent#canonical() content}: changing, removing
 * or reordering any event changes every hash after it, so a recomputation finds the first link that no longer
 * holds. The first link follows {@link #GENESIS}.
 */
public final class AuditChain {

    /** The previous hash of a tenant's first link. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(long position, String previousHash, AuditEvent event) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((position + "\n" + previousHash + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(event.canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * What is wrong with one link, or null when it holds.
     *
     * @param expectedPosition the position that follows the previous link checked
     * @param expectedPrevious the hash of the previous link checked
     * @param event            the event the link names, or null when it no longer exists
     */
    public static String check(long expectedPosition, String expectedPrevious, long position, String previousHash,
            String hash, AuditEvent event) {
        if (position != expectedPosition) {
            return "link " + expectedPosition + " is missing (the next one found is " + position + ")";
        }
        if (!previousHash.equals(expectedPrevious)) {
            return "link " + position + " does not follow link " + (position - 1)
                    + ": its previous hash is not that link's hash";
        }
        if (event == null) {
            return "the event of link " + position + " is missing";
        }
        if (!hash(position, previousHash, event).equals(hash)) {
            return "event " + event.id() + " (link " + position + ") no longer matches its hash: it was changed";
        }
        return null;
    }
}

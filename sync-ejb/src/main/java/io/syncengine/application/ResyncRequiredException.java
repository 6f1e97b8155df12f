package io.syncengine.application;

/** A pull cursor older than the tombstone retention: deletes may have been purged, so the terminal must resync. */
public class ResyncRequiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ResyncRequiredException(int retentionDays) {
        super("the cursor is older than the " + retentionDays + "-day tombstone retention; deletes since then may "
                + "be gone, so pull a full snapshot (no since)");
    }
}

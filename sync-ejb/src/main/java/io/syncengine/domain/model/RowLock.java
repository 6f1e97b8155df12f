package io.syncengine.domain.model;

/**
 * How the named queries that lock a row ({@code SELECT … FOR UPDATE}) ask for the lock: with EclipseLink's
 * {@code eclipselink.pessimistic-lock} hint rather than JPA's {@code lockMode}. The hint is applied once, when the
 * named query is built, and the query is prepared once with its SQL. A {@code lockMode} is applied again by every
 * execution: EclipseLink clones the shared query, sets the lock mode on the clone and so prepares it anew, building
 * and printing its SQL each time (11 % of the apply threads' samples in a profile). The SQL is the same
 * ({@code FOR UPDATE}, and the row read again rather than taken from a cache); {@code ConcurrencyIT} shows the lock
 * (twenty concurrent updates of one record, every one settled on its first delivery).
 */
public final class RowLock {

    /** {@code org.eclipse.persistence.config.QueryHints.PESSIMISTIC_LOCK}. */
    public static final String HINT = "eclipselink.pessimistic-lock";
    /** {@code org.eclipse.persistence.config.PessimisticLock.Lock}: {@code FOR UPDATE}, waiting for the lock. */
    public static final String FOR_UPDATE = "Lock";

    private RowLock() {
    }
}

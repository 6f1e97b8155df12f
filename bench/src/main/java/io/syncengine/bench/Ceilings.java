package io.syncengine.bench;

/**
 * The PostgreSQL ceilings the apply rate is compared with: {@code bare}, the apply transaction's statements on
 * tables with primary keys only ({@link PgbenchCeiling}, the figure of every run before 2026-12-04), and
 * {@code schema}, one operation's whole life on the server's own tables, indexes and triggers
 * ({@link SchemaCeiling}, the "same per-op transaction shape").
 */
record Ceilings(PgbenchResult bare, PgbenchResult schema) {
}

/**
 * {@code bin/sync-bench}: a load generator and meter for a sync server that is already running on this machine.
 * It exists so that capacity claims ("so many terminals, so many operations a second, this much memory") come
 * from a repeatable run rather than from guesses. {@link io.syncengine.bench.SyncBench} runs the phases:
 * {@link io.syncengine.bench.Terminal}s push batches built by a {@link io.syncengine.bench.TerminalWorkload} of
 * the chosen {@link io.syncengine.bench.Mix} (the sales mix after creating its {@link
 * io.syncengine.bench.SharedProducts}),
 * {@link io.syncengine.bench.SettleWatchers} wait for each batch to apply, an {@link
 * io.syncengine.bench.RssSampler} watches the server processes' memory, and {@link
 * io.syncengine.bench.PgbenchCeiling} measures what the database server itself can do for the same transaction
 * shape, so the apply rate can be read as a fraction of that ceiling. With {@code --pull-records}, a {@link
 * io.syncengine.bench.SnapshotPull} then reads a snapshot of {@link io.syncengine.bench.SeededProducts} while a
 * {@link io.syncengine.bench.HeapSampler} watches the server's heap. It is a benchmark, not a test: it reports
 * and asserts nothing.
 */
package io.syncengine.bench;

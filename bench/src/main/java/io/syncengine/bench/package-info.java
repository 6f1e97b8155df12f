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
 * shape, so the apply rate can be read as a fraction of that ceiling. With {@code --delta-pulls}, a {@link
 * io.syncengine.bench.DeltaPuller} times the pulls of a terminal keeping up meanwhile. With {@code --pull-records},
 * a {@link io.syncengine.bench.SnapshotPull} then reads a snapshot of {@link io.syncengine.bench.SeededProducts}
 * while a {@link io.syncengine.bench.HeapSampler} watches the server's heap, and a {@link
 * io.syncengine.bench.CopyBaseline} reads the same rows with COPY, so the pull rate can be read as a fraction of
 * the database's. It is a benchmark, not a test: it reports and asserts nothing.
 */
package io.syncengine.bench;

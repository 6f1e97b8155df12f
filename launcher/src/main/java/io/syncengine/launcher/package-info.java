/**
 * The local runtime: {@link io.syncengine.launcher.SyncServer} is {@code bin/sync-server}. It starts what the
 * application needs around it (an {@link io.syncengine.launcher.EmbeddedBroker}, an {@link
 * io.syncengine.launcher.EmbeddedDatabase} unless a database is configured), then {@link
 * io.syncengine.launcher.PayaraMicroProcess} (from the {@link io.syncengine.launcher.PreparedRuntime}, Micro unpacked
 * once with a class-data archive), and mints development tokens with {@link
 * io.syncengine.launcher.TokenIssuer}. The integration tests use the same classes to build their stack. {@link
 * io.syncengine.launcher.PayaraServerCheck} ({@code server-check}) proves the EAR on full Payara Server with the
 * {@link io.syncengine.launcher.ServerScenario} the Micro tests also run.
 */
package io.syncengine.launcher;

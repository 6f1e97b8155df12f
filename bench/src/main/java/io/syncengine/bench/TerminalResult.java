package io.syncengine.bench;

/**
 * How one terminal's pushing went. {@code error} is null when every batch was accepted; otherwise it says why the
 * terminal stopped early (a later batch would carry base versions that depend on the lost one).
 */
record TerminalResult(String deviceId, int batchesAccepted, long opsAccepted, int retries, String error) {
}

package io.syncengine.bench;

/** The run cannot start or go on for a reason the user can fix (no server, wrong keys); the message says which. */
final class BenchAborted extends Exception {

    BenchAborted(String message) {
        super(message);
    }
}

package io.syncengine.application;

import java.util.List;

/** A page of the operation log; {@code cursor} fetches the next one and is null on the last. */
public record OperationPage(List<OperationView> operations, String cursor) {
}

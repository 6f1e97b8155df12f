package io.syncengine.application;

import java.util.List;

/**
 * One page of conflicts, newest first.
 *
 * @param cursor opaque; pass it back to get the next page; null on the last page
 */
public record ConflictPage(List<ConflictView> conflicts, String cursor) {
}

package io.syncengine.application;

import io.syncengine.domain.model.OperationInput;
import java.util.List;

/**
 * A batch whose envelope is valid: a device, a batch id, and its operations (each valid or carrying its reasons).
 *
 * @param contentHash SHA-256 (hex) of the batch's canonical content, to tell a retry from a reused batch id
 */
public record BatchSubmission(String deviceId, String batchId, List<OperationInput> operations, String contentHash) {
}

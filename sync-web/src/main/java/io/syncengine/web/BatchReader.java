package io.syncengine.web;

import io.syncengine.SyncNames;
import io.syncengine.application.BatchSubmission;
import io.syncengine.domain.model.FieldError;
import io.syncengine.domain.model.OperationInput;
import io.syncengine.domain.model.OperationValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads a pushed batch: enforces the size limits while reading (before parsing, see {@link RequestBodies}), parses, and
 * checks the envelope. A broken envelope fails the whole batch (400, one pointer per error, nothing stored); each
 * operation is then read on its own, and an invalid one only carries its reasons into the operation log.
 */
@ApplicationScoped
public class BatchReader {

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_MAX_OPERATIONS, defaultValue = "1000")
    int maxOperations;

    @Inject
    @ConfigProperty(name = SyncNames.CONFIG_MAX_BYTES, defaultValue = "5242880")
    long maxBytes;

    @Inject
    RequestBodies bodies;

    public BatchSubmission read(InputStream body, String contentEncoding, long contentLength) {
        JsonValue document = bodies.document(body, contentEncoding, contentLength, maxBytes, BatchReader::tooLarge);
        if (!(document instanceof JsonObject envelope)) {
            throw ProblemException.invalid("Invalid batch", List.of(new FieldError("", "must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        String deviceId = id(envelope, "deviceId", errors);
        String batchId = id(envelope, "batchId", errors);
        JsonValue opsValue = envelope.get("operations");
        if (!(opsValue instanceof JsonArray operations)) {
            errors.add(new FieldError("/operations", "is required: an array of operations"));
            throw ProblemException.invalid("Invalid batch", errors);
        }
        if (operations.isEmpty()) {
            errors.add(new FieldError("/operations", "must contain at least one operation"));
        }
        if (operations.size() > maxOperations) {
            throw tooLarge("the batch has " + operations.size() + " operations; at most " + maxOperations
                    + " are accepted");
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < operations.size(); i++) {
            String pointer = "/operations/" + i;
            if (!(operations.get(i) instanceof JsonObject op)) {
                errors.add(new FieldError(pointer, "must be an object"));
                continue;
            }
            String opId = id(op, "opId", errors, pointer);
            if (opId != null) {
                Integer earlier = firstIndex.putIfAbsent(opId, i);
                if (earlier != null) {
                    errors.add(new FieldError(pointer + "/opId",
                            "repeats the opId of /operations/" + earlier + "; an opId is unique per device"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid batch", errors);
        }
        List<OperationInput> inputs = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            OperationInput input = OperationValidator.read(operations.getJsonObject(i));
            String prefix = "/operations/" + i;
            inputs.add(input.isValid() ? input : withPrefixedErrors(input, prefix));
        }
        return new BatchSubmission(deviceId, batchId, inputs, hash(deviceId, operations));
    }

    private static OperationInput withPrefixedErrors(OperationInput in, String prefix) {
        return new OperationInput(in.opId(), in.seq(), in.entity(), in.entityId(), in.typeName(), in.baseVersion(),
                in.data(), in.clientTime(), null, null, in.errors().stream().map(e -> e.prefixed(prefix)).toList());
    }

    private static String id(JsonObject object, String name, List<FieldError> errors) {
        return id(object, name, errors, "");
    }

    private static String id(JsonObject object, String name, List<FieldError> errors, String prefix) {
        JsonValue value = object.get(name);
        String pointer = prefix + "/" + name;
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            errors.add(new FieldError(pointer, "is required"));
            return null;
        }
        if (!(value instanceof JsonString s) || s.getString().isBlank()) {
            errors.add(new FieldError(pointer, "must be a non-blank string"));
            return null;
        }
        if (s.getString().length() > OperationValidator.MAX_ID_LENGTH) {
            errors.add(new FieldError(pointer, "must be at most " + OperationValidator.MAX_ID_LENGTH
                    + " characters long"));
            return null;
        }
        if (s.getString().chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(pointer, "must not contain control characters"));
            return null;
        }
        return s.getString();
    }

    private static ProblemException tooLarge(String detail) {
        return new ProblemException(413, Problem.TOO_LARGE, "Batch too large", detail, null);
    }

    /** SHA-256 of the device and the operations as parsed: the same batch re-sent hashes the same. */
    private static String hash(String deviceId, JsonArray operations) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(deviceId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(operations.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.syncengine.domain.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Validation and reading of a sale's {@code lines}: the one field whose value is a list of objects. */
public final class SaleLines {

    /** Most lines one sale may carry. */
    public static final int MAX_LINES = 500;

    private static final Set<String> LINE_FIELDS = Set.of("productId", "quantity", "unitPrice");
    private static final FieldSpec PRODUCT_ID = FieldSpec.required("productId", FieldKind.REFERENCE,
            OperationValidator.MAX_ID_LENGTH);
    private static final FieldSpec UNIT_PRICE = FieldSpec.required("unitPrice", FieldKind.MONEY, 0);

    private SaleLines() {
    }

    /** Every reason the value is not a valid list of lines, each with its JSON pointer below {@code pointer}. */
    static List<FieldError> errors(JsonValue value, String pointer) {
        List<FieldError> errors = new ArrayList<>();
        if (!(value instanceof JsonArray lines)) {
            errors.add(new FieldError(pointer, "must be an array of {productId, quantity, unitPrice}"));
            return errors;
        }
        if (lines.isEmpty()) {
            errors.add(new FieldError(pointer, "must have at least one line"));
        }
        if (lines.size() > MAX_LINES) {
            errors.add(new FieldError(pointer, "must have at most " + MAX_LINES + " lines"));
            return errors;
        }
        for (int i = 0; i < lines.size(); i++) {
            String at = pointer + "/" + i;
            if (!(lines.get(i) instanceof JsonObject line)) {
                errors.add(new FieldError(at, "must be an object {productId, quantity, unitPrice}"));
                continue;
            }
            for (String name : line.keySet()) {
                if (!LINE_FIELDS.contains(name)) {
                    errors.add(new FieldError(at + "/" + OperationValidator.escape(name),
                            "is not a field of a sale line (fields: productId, quantity, unitPrice)"));
                }
            }
            check(line, PRODUCT_ID, at, errors);
            check(line, UNIT_PRICE, at, errors);
            JsonValue quantity = line.get("quantity");
            if (quantity == null || quantity.getValueType() == JsonValue.ValueType.NULL) {
                errors.add(new FieldError(at + "/quantity", "is required"));
            } else {
                FieldKind.COUNT.check(quantity, 0).ifPresentOrElse(
                        reason -> errors.add(new FieldError(at + "/quantity", reason)),
                        () -> {
                            if (FieldKind.COUNT.normalise(quantity).equals(0L)) {
                                errors.add(new FieldError(at + "/quantity", "must be at least 1"));
                            }
                        });
            }
        }
        return errors;
    }

    private static void check(JsonObject line, FieldSpec field, String at, List<FieldError> errors) {
        JsonValue value = line.get(field.name());
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            errors.add(new FieldError(at + "/" + field.name(), "is required"));
        } else {
            field.kind().check(value, field.maxLength())
                    .ifPresent(reason -> errors.add(new FieldError(at + "/" + field.name(), reason)));
        }
    }

    /** The lines of a value that passed {@link #errors} without any. */
    static List<SaleLine> read(JsonValue value) {
        JsonArray lines = (JsonArray) value;
        List<SaleLine> read = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonObject line = lines.getJsonObject(i);
            read.add(new SaleLine(i, line.getString("productId"),
                    (Long) FieldKind.COUNT.normalise(line.get("quantity")),
                    FieldKind.decimal(line.get("unitPrice")).setScale(2)));
        }
        return List.copyOf(read);
    }
}

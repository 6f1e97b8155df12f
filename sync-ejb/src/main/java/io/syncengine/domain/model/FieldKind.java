package io.syncengine.domain.model;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kinds of value a record field can hold, each with its wire validation and its normalised Java form (the
 * form that is stored and compared).
 */
public enum FieldKind {
    /** A non-blank string of bounded length. */
    TEXT,
    /** The id of another record. */
    REFERENCE,
    /** A decimal amount, at least 0, with at most two decimal places; sent as a JSON string or number. */
    MONEY,
    /** A whole number, at least 0. */
    COUNT,
    /** An e-mail address. */
    EMAIL,
    /** A telephone number: digits, spaces and {@code + - ( ) .}. */
    PHONE,
    /** A whole number other than 0 (a stock movement's delta). */
    DELTA,
    /** An RFC 3339 time such as {@code 2026-11-21T09:58:00Z}. */
    TIME,
    /** A sale's lines: a non-empty array of {@code {productId, quantity, unitPrice}}, checked by {@link SaleLines}. */
    LINES;

    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE_SHAPE = Pattern.compile("[0-9+\\-(). ]{3,40}");
    private static final BigDecimal MAX_MONEY = new BigDecimal("9999999999.99");
    private static final long MAX_COUNT = 1_000_000_000_000L;

    /**
     * Checks a present, non-null JSON value.
     *
     * @return the reason it is invalid, or empty when it is valid
     */
    Optional<String> check(JsonValue value, int maxLength) {
        switch (this) {
            case TEXT, REFERENCE, EMAIL, PHONE -> {
                if (!(value instanceof JsonString s)) {
                    return Optional.of("must be a string");
                }
                String text = s.getString();
                if (text.isBlank()) {
                    return Optional.of("must not be blank");
                }
                if (text.length() > maxLength) {
                    return Optional.of("must be at most " + maxLength + " characters long");
                }
                if (this == EMAIL && !EMAIL_SHAPE.matcher(text).matches()) {
                    return Optional.of("must be an e-mail address such as name@example.com");
                }
                if (this == PHONE && !PHONE_SHAPE.matcher(text).matches()) {
                    return Optional.of("must be a telephone number of digits, spaces and + - ( ) .");
                }
                return Optional.empty();
            }
            case MONEY -> {
                BigDecimal amount = decimal(value);
                if (amount == null) {
                    return Optional.of("must be a decimal amount such as \"2.49\"");
                }
                if (amount.signum() < 0) {
                    return Optional.of("must be at least 0");
                }
                if (amount.stripTrailingZeros().scale() > 2) {
                    return Optional.of("must have at most two decimal places");
                }
                if (amount.compareTo(MAX_MONEY) > 0) {
                    return Optional.of("must be at most " + MAX_MONEY.toPlainString());
                }
                return Optional.empty();
            }
            case COUNT -> {
                if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
                    return Optional.of("must be a whole number");
                }
                BigDecimal count = n.bigDecimalValue();
                if (count.signum() < 0) {
                    return Optional.of("must be at least 0");
                }
                if (count.compareTo(BigDecimal.valueOf(MAX_COUNT)) > 0) {
                    return Optional.of("must be at most " + MAX_COUNT);
                }
                return Optional.empty();
            }
            case DELTA -> {
                if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
                    return Optional.of("must be a whole number");
                }
                BigDecimal delta = n.bigDecimalValue();
                if (delta.signum() == 0) {
                    return Optional.of("must not be 0");
                }
                if (delta.abs().compareTo(BigDecimal.valueOf(MAX_COUNT)) > 0) {
                    return Optional.of("must be between -" + MAX_COUNT + " and " + MAX_COUNT);
                }
                return Optional.empty();
            }
            case TIME -> {
                if (!(value instanceof JsonString s) || time(s.getString()) == null) {
                    return Optional.of("must be an RFC 3339 time such as 2026-11-21T09:58:00Z");
                }
                return Optional.empty();
            }
            default -> throw new IllegalStateException("unhandled kind " + this);
        }
    }

    /** The normalised form of a value that passed {@link #check}; JSON null becomes Java null. */
    Object normalise(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return switch (this) {
            case TEXT, REFERENCE, EMAIL, PHONE -> ((JsonString) value).getString();
            case MONEY -> decimal(value).setScale(2);
            case COUNT, DELTA -> ((JsonNumber) value).longValueExact();
            case TIME -> time(((JsonString) value).getString()).toInstant();
            case LINES -> SaleLines.read(value);
        };
    }

    private static OffsetDateTime time(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static BigDecimal decimal(JsonValue value) {
        try {
            if (value instanceof JsonString s) {
                return new BigDecimal(s.getString().trim());
            }
            if (value instanceof JsonNumber n) {
                return n.bigDecimalValue();
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}

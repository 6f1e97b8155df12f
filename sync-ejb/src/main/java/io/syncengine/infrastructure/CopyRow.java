package io.syncengine.infrastructure;

import io.syncengine.domain.model.JsonOut;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.Arrays;

/**
 * One row of PostgreSQL's {@code COPY … TO STDOUT} text format, as the server sends it: the columns' text forms
 * separated by tabs, ending in a newline, {@code \N} for null, and a backslash before a backslash, tab, newline,
 * carriage return, backspace, form feed or vertical tab (and, from other writers, octal {@code \ooo} or hex
 * {@code \xhh} bytes). The text is UTF-8, as the driver's connection asks for. A row is decoded into reusable
 * slots; strings are made only of the columns read as text, and a column written as JSON goes from the row's bytes
 * to the writer's.
 */
final class CopyRow {

    private static final byte TAB = '\t';
    private static final byte NEWLINE = '\n';
    private static final byte BACKSLASH = '\\';
    /** A timestamp without time zone as DateStyle ISO writes it: fractions of a second only when there are any. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4, 9, SignStyle.NORMAL)
            .appendPattern("-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter();

    private byte[] row = new byte[0];
    private final int[] starts;
    private final int[] ends;
    private final boolean[] escaped;
    private int columns;
    private byte[] scratch = new byte[256];

    /** @param columns how many columns every row has */
    CopyRow(int columns) {
        starts = new int[columns];
        ends = new int[columns];
        escaped = new boolean[columns];
    }

    /** Takes the next row (the bytes are kept, not copied, until the next call). */
    void read(byte[] bytes) {
        row = bytes;
        int length = bytes.length > 0 && bytes[bytes.length - 1] == NEWLINE ? bytes.length - 1 : bytes.length;
        columns = 0;
        int start = 0;
        boolean backslash = false;
        for (int i = 0; i <= length; i++) {
            if (i == length || bytes[i] == TAB) {
                if (columns == starts.length) {
                    throw new IllegalStateException("a COPY row has more than " + starts.length + " columns");
                }
                starts[columns] = start;
                ends[columns] = i;
                escaped[columns] = backslash;
                columns++;
                start = i + 1;
                backslash = false;
            } else if (bytes[i] == BACKSLASH) {
                backslash = true;
                i++; // the escaped byte is never a separator
            }
        }
        if (columns != starts.length) {
            throw new IllegalStateException("a COPY row has " + columns + " columns, not " + starts.length);
        }
    }

    boolean isNull(int column) {
        return escaped[column] && ends[column] - starts[column] == 2 && row[starts[column] + 1] == 'N';
    }

    /** The column's text (1-based, as in JDBC), or null. */
    String text(int column) {
        int c = column - 1;
        if (isNull(c)) {
            return null;
        }
        if (!escaped[c]) {
            return new String(row, starts[c], ends[c] - starts[c], StandardCharsets.UTF_8);
        }
        return new String(scratch, 0, unescape(starts[c], ends[c]), StandardCharsets.UTF_8);
    }

    /** Writes the column as a JSON string, or null. */
    void writeString(int column, JsonOut out) {
        int c = column - 1;
        if (isNull(c)) {
            out.nullValue();
        } else if (!escaped[c]) {
            out.string(row, starts[c], ends[c]);
        } else {
            out.string(scratch, 0, unescape(starts[c], ends[c]));
        }
    }

    /** Writes the column's text as it is, or null: for numbers, whose text is already JSON. */
    void writeRaw(int column, JsonOut out) {
        int c = column - 1;
        if (isNull(c)) {
            out.nullValue();
        } else {
            out.raw(row, starts[c], ends[c]);
        }
    }

    /** Whether the column holds exactly these (ASCII) bytes. */
    boolean holds(int column, byte[] value) {
        int c = column - 1;
        return !escaped[c] && Arrays.equals(row, starts[c], ends[c], value, 0, value.length);
    }

    /** The column as a whole number (a bigint's or an integer's text). */
    long number(int column) {
        int c = column - 1;
        if (isNull(c)) {
            throw new IllegalStateException("column " + column + " is null");
        }
        long value = 0;
        int i = starts[c];
        boolean negative = row[i] == '-';
        if (negative) {
            i++;
        }
        if (i == ends[c]) {
            throw new NumberFormatException("column " + column + " is not a number");
        }
        for (; i < ends[c]; i++) {
            int digit = row[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new NumberFormatException("column " + column + " is not a number");
            }
            value = Math.multiplyExact(value, 10) + digit;
        }
        return negative ? -value : value;
    }

    /** The column as a boolean ({@code t} or {@code f}). */
    boolean bool(int column) {
        int c = column - 1;
        return ends[c] - starts[c] == 1 && row[starts[c]] == 't';
    }

    /**
     * The column as an instant, from a {@code timestamp} (without time zone) that holds UTC. The usual form,
     * {@code yyyy-MM-dd HH:mm:ss[.f…]}, is read straight from the bytes (a {@link DateTimeFormatter} cost a snapshot
     * more than the rest of its row); anything else (a year past 9999) goes through the formatter.
     */
    Instant utcTimestamp(int column) {
        int c = column - 1;
        int s = starts[c];
        int length = ends[c] - s;
        if (usualTimestamp(c)) {
            int year = digits(s, 4);
            int month = digits(s + 5, 2);
            int day = digits(s + 8, 2);
            int hour = digits(s + 11, 2);
            int minute = digits(s + 14, 2);
            int second = digits(s + 17, 2);
            int fraction = length > 20 ? digits(s + 20, length - 20) : 0;
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour < 24
                    && minute >= 0 && minute < 60 && second >= 0 && second < 60 && fraction >= 0) {
                long nanos = fraction;
                for (int i = length - 20; i < 9 && length > 20; i++) {
                    nanos *= 10;
                }
                long days = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
            }
        }
        return LocalDateTime.parse(text(column), TIMESTAMP).toInstant(ZoneOffset.UTC);
    }

    /**
     * Writes a timestamp column that holds UTC as an RFC 3339 string in the form {@link Instant#toString()} gives
     * ({@code 2026-11-29T14:19:41.500Z}: seconds always, a fraction in groups of three digits when there is one),
     * from the row's bytes where the timestamp has the usual form, through {@link #utcTimestamp} otherwise.
     */
    void writeUtcTimestamp(int column, JsonOut out) {
        int c = column - 1;
        if (!usualTimestamp(c)) {
            out.string(utcTimestamp(column).toString());
            return;
        }
        int s = starts[c];
        int fraction = ends[c] - s - 20; // PostgreSQL writes up to six digits, trailing zeros left out
        out.raw('"').raw(row, s, s + 10).raw('T').raw(row, s + 11, s + 19);
        if (fraction > 0) {
            out.raw(row, s + 19, ends[c]);
            for (int i = fraction; i % 3 != 0; i++) {
                out.raw('0');
            }
        }
        out.raw('Z').raw('"');
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.f…]}: the form DateStyle ISO writes for years 1 to 9999. */
    private boolean usualTimestamp(int c) {
        int s = starts[c];
        int length = ends[c] - s;
        return length >= 19 && length != 20 && length <= 29 && row[s + 4] == '-' && row[s + 7] == '-'
                && row[s + 10] == ' ' && row[s + 13] == ':' && row[s + 16] == ':'
                && (length == 19 || row[s + 19] == '.');
    }

    /** The number the {@code count} digits at {@code from} write, or -1 if one is not a digit. */
    private int digits(int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = row[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Decodes COPY's escapes of {@code row[from, to)} into {@code scratch}; returns the length. */
    private int unescape(int from, int to) {
        if (scratch.length < to - from) {
            scratch = Arrays.copyOf(scratch, Math.max(to - from, scratch.length * 2));
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = row[i];
            if (b != BACKSLASH || i + 1 == to) {
                scratch[n++] = b;
                continue;
            }
            byte e = row[++i];
            switch (e) {
                case 'b' -> scratch[n++] = '\b';
                case 'f' -> scratch[n++] = '\f';
                case 'n' -> scratch[n++] = '\n';
                case 'r' -> scratch[n++] = '\r';
                case 't' -> scratch[n++] = '\t';
                case 'v' -> scratch[n++] = 0x0b;
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < to && Character.digit(row[i + 1], 16) >= 0) {
                        value = value * 16 + Character.digit(row[++i], 16);
                        digits++;
                    }
                    scratch[n++] = digits == 0 ? (byte) 'x' : (byte) value;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int digits = 1; digits < 3 && i + 1 < to && row[i + 1] >= '0' && row[i + 1] <= '7';
                                digits++) {
                            value = value * 8 + (row[++i] - '0');
                        }
                        scratch[n++] = (byte) value;
                    } else {
                        scratch[n++] = e; // a backslash before any other byte stands for that byte
                    }
                }
            }
        }
        return n;
    }
}

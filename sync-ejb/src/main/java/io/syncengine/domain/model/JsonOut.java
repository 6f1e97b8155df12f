package io.syncengine.domain.model;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A JSON document written by hand as UTF-8 bytes straight into a stream, through one buffer: for long documents such
 * as a pull page, where a string per value, a {@code StringBuilder} per record and a character encoder cost more
 * than the rest of the work. The caller writes the structure (punctuation and member names as {@link #raw} bytes);
 * strings are quoted and escaped here by JSON's rules. A failure of the stream is thrown as an
 * {@link UncheckedIOException}, so that a writer can be handed to a {@code Consumer}.
 */
public final class JsonOut implements Closeable {

    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] HEX = ascii("0123456789abcdef");
    /** Bytes of a long's digits and sign. */
    private static final int LONG_DIGITS = 20;

    private final OutputStream out;
    private final byte[] buffer;
    private int count;

    /** @param size the buffer's size: the stream is written to in blocks of this many bytes */
    public JsonOut(OutputStream out, int size) {
        this.out = out;
        this.buffer = new byte[Math.max(size, 64)];
    }

    /** The bytes of {@code text}, which holds only ASCII characters: for {@link #raw} constants. */
    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes that are already JSON as they are: punctuation, member names, a number's text. */
    public JsonOut raw(byte[] bytes) {
        return raw(bytes, 0, bytes.length);
    }

    public JsonOut raw(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length > buffer.length - count) {
            drain();
            if (length > buffer.length) {
                write(bytes, from, length);
                return this;
            }
        }
        System.arraycopy(bytes, from, buffer, count, length);
        count += length;
        return this;
    }

    public JsonOut raw(char ch) {
        room(1);
        buffer[count++] = (byte) ch;
        return this;
    }

    public JsonOut nullValue() {
        return raw(NULL);
    }

    public JsonOut bool(boolean value) {
        return raw(value ? TRUE : FALSE);
    }

    /** A whole number, written without making a string of it. */
    public JsonOut number(long value) {
        if (value == Long.MIN_VALUE) {
            return raw(ascii(Long.toString(value)));
        }
        room(LONG_DIGITS);
        long rest = Math.abs(value);
        int digits = 1;
        for (long bound = 10; rest >= bound && digits < 19; bound *= 10) {
            digits++;
        }
        if (value < 0) {
            buffer[count++] = '-';
        }
        for (int i = count + digits - 1; i >= count; i--) {
            buffer[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        count += digits;
        return this;
    }

    /** {@code value} as a JSON string literal, or null. */
    public JsonOut string(String value) {
        if (value == null) {
            return nullValue();
        }
        int length = value.length();
        boolean plain = length + 2 <= buffer.length;
        for (int i = 0; i < length && plain; i++) {
            char c = value.charAt(i);
            plain = c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
        }
        if (!plain) { // escapes, other than ASCII, or longer than the buffer
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            return string(utf8, 0, utf8.length);
        }
        room(length + 2);
        buffer[count++] = '"';
        for (int i = 0; i < length; i++) {
            buffer[count++] = (byte) value.charAt(i); // ASCII only, as checked: one byte per character
        }
        buffer[count++] = '"';
        return this;
    }

    /** The UTF-8 text in {@code utf8[from, to)} as a JSON string literal: runs without escapes are copied whole. */
    public JsonOut string(byte[] utf8, int from, int to) {
        raw('"');
        int run = from;
        for (int i = from; i < to; i++) {
            byte b = utf8[i];
            if (b >= 0x20 && b != '"' && b != '\\' || b < 0) {
                continue; // bytes of multi-byte characters are negative and never need escaping
            }
            raw(utf8, run, i);
            escape(b);
            run = i + 1;
        }
        raw(utf8, run, to);
        return raw('"');
    }

    private void escape(byte b) {
        room(6);
        buffer[count++] = '\\';
        switch (b) {
            case '"' -> buffer[count++] = '"';
            case '\\' -> buffer[count++] = '\\';
            case '\n' -> buffer[count++] = 'n';
            case '\r' -> buffer[count++] = 'r';
            case '\t' -> buffer[count++] = 't';
            case '\b' -> buffer[count++] = 'b';
            case '\f' -> buffer[count++] = 'f';
            default -> {
                buffer[count++] = 'u';
                buffer[count++] = '0';
                buffer[count++] = '0';
                buffer[count++] = HEX[b >> 4];
                buffer[count++] = HEX[b & 0xf];
            }
        }
    }

    /** Writes what is buffered to the stream and flushes it. */
    public void flush() throws IOException {
        out.write(buffer, 0, count);
        count = 0;
        out.flush();
    }

    /** Writes what is buffered and closes the stream. */
    @Override
    public void close() throws IOException {
        try (out) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }

    private void room(int bytes) {
        if (buffer.length - count < bytes) {
            drain();
        }
    }

    private void drain() {
        write(buffer, 0, count);
        count = 0;
    }

    private void write(byte[] bytes, int from, int length) {
        try {
            out.write(bytes, from, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

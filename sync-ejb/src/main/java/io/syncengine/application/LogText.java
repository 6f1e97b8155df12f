package io.syncengine.application;

/**
 * {@code key=value} pairs for one-line logs: a value that is absent is left out, and anything in it that could
 * break the line or fake another pair (whitespace, control characters, {@code =}) becomes {@code _}.
 */
public final class LogText {

    private LogText() {
    }

    public static void append(StringBuilder line, String key, Object value) {
        if (value != null) {
            line.append(' ').append(key).append('=').append(value(String.valueOf(value)));
        }
    }

    public static String value(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.appendCodePoint(
                Character.isWhitespace(c) || Character.isISOControl(c) || c == '=' ? '_' : c));
        return safe.toString();
    }
}

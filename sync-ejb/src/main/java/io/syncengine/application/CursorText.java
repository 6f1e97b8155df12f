package io.syncengine.application;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * The one encoding of every opaque cursor the API hands out: its parts, each percent-encoded (so an id may hold
 * any character, the separator included), joined by {@code |}, in base64url.
 */
final class CursorText {

    private CursorText() {
    }

    static String encode(String... parts) {
        String text = Arrays.stream(parts).map(p -> URLEncoder.encode(p, StandardCharsets.UTF_8))
                .collect(Collectors.joining("|"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws InvalidCursorException when the text is not a cursor of {@code count} parts, or a part holds a NUL
     */
    static String[] decode(String cursor, int count) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split("\\|", -1);
            if (parts.length != count) {
                throw new InvalidCursorException();
            }
            String[] decoded = Arrays.stream(parts).map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8))
                    .toArray(String[]::new);
            // No cursor handed out holds a NUL (nothing stored can), and PostgreSQL fails on one in a parameter.
            if (Arrays.stream(decoded).anyMatch(p -> p.indexOf('\0') >= 0)) {
                throw new InvalidCursorException();
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }
}

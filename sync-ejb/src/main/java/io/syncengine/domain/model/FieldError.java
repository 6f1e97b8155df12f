package io.syncengine.domain.model;

/**
 * One reason an input is invalid: a JSON pointer (RFC 6901) into the submitted document and a sentence an
 * integrator can act on.
 */
public record FieldError(String pointer, String message) {

    public FieldError prefixed(String prefix) {
        return new FieldError(prefix + pointer, message);
    }
}

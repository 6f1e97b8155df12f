package io.syncengine.web;

import io.syncengine.domain.model.FieldError;
import java.util.List;

/**
 * The one error shape of the API ({@code application/problem+json}, RFC 9457), with a JSON pointer and a sentence
 * per invalid field.
 */
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPES = "https://sync-engine.dev/problems/";

    public static final String VALIDATION = TYPES + "validation";
    public static final String UNAUTHORIZED = TYPES + "unauthorized";
    public static final String FORBIDDEN = TYPES + "forbidden";
    public static final String NOT_FOUND = TYPES + "not-found";
    public static final String BATCH_ID_REUSED = TYPES + "batch-id-reused";
    public static final String STATE_CONFLICT = TYPES + "state-conflict";
    public static final String RESYNC_REQUIRED = TYPES + "resync-required";
    public static final String TOO_LARGE = TYPES + "batch-too-large";
    public static final String UNAVAILABLE = TYPES + "unavailable";
    public static final String INTERNAL = TYPES + "internal";
    public static final String HTTP = TYPES + "http";
}

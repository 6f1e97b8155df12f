package io.syncengine.web;

import io.syncengine.domain.model.FieldError;
import jakarta.ws.rs.core.Response;
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
    public static final String REQUEST_TOO_LARGE = TYPES + "request-too-large";
    public static final String TOO_MANY_REQUESTS = TYPES + "too-many-requests";
    public static final String UNAVAILABLE = TYPES + "unavailable";
    public static final String INTERNAL = TYPES + "internal";
    public static final String HTTP = TYPES + "http";

    /** Why a call is 401, whatever was wrong with the token (the server's log says no more either). */
    static final String UNAUTHORIZED_DETAIL = "a valid bearer token is required: Authorization: Bearer <JWT> "
            + "signed by the configured issuer, for this audience, within its validity, with a tenant claim "
            + "(and a device_id claim for the device role)";

    /**
     * The problem for a bare HTTP status, as the container or JAX-RS itself answers (no token, an unknown path or
     * method, a wrong media type): generic sentences, nothing from the failure itself.
     */
    static Problem ofStatus(int status, String instance) {
        String type = switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 413 -> REQUEST_TOO_LARGE;
            default -> status >= 500 ? INTERNAL : HTTP;
        };
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String detail = switch (status) {
            case 401 -> UNAUTHORIZED_DETAIL;
            case 403 -> "your token's roles do not allow this call";
            case 404 -> "there is nothing at this path; the API's paths start with /api/v1 (see /openapi)";
            case 405 -> "this path does not take this method (see /openapi)";
            case 406 -> "this path answers only in the media types /openapi lists";
            case 415 -> "this path takes only the media types /openapi lists (JSON: application/json)";
            default -> status >= 500 ? "the server failed unexpectedly; the failure is logged" : title;
        };
        return new Problem(type, title, status, detail, instance, null);
    }
}

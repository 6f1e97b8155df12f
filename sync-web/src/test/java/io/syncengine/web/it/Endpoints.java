package io.syncengine.web.it;

import jakarta.json.Json;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Every endpoint of the API, with the roles the contract's table allows it to: the one list the role matrix and the
 * tenant-isolation walk drive from. {@code EndpointTableTest} checks it against the resource classes, so a new
 * resource method fails the build until it has its row here.
 */
public enum Endpoints {

    PUSH("POST", "/api/v1/sync/batches", Kind.WRITE, Roles.PUSHERS,
            t -> new Request("POST", "/api/v1/sync/batches", t.batch())),
    BATCH_STATUS("GET", "/api/v1/sync/batches/{batchId}", Kind.BY_ID, Roles.EVERYONE,
            t -> get("/api/v1/sync/batches/" + t.batchId())),
    CHANGES("GET", "/api/v1/sync/changes", Kind.LIST, Roles.PUSHERS,
            t -> get("/api/v1/sync/changes")),
    EVENTS("GET", "/api/v1/sync/events", Kind.STREAM, Roles.PUSHERS,
            t -> get("/api/v1/sync/events?deviceId=" + t.deviceId())),
    DEVICES("GET", "/api/v1/devices", Kind.LIST, Roles.PEOPLE,
            t -> get("/api/v1/devices")),
    DEVICE_STATUS("GET", "/api/v1/devices/{deviceId}/status", Kind.BY_ID, Roles.EVERYONE,
            t -> get("/api/v1/devices/" + t.deviceId() + "/status")),
    CONFLICTS("GET", "/api/v1/conflicts", Kind.LIST, Roles.PEOPLE,
            t -> get("/api/v1/conflicts")),
    CONFLICT("GET", "/api/v1/conflicts/{id}", Kind.BY_ID, Roles.PEOPLE,
            t -> get("/api/v1/conflicts/" + t.conflictId())),
    RESOLVE("POST", "/api/v1/conflicts/{id}/resolution", Kind.BY_ID, Roles.CHANGERS,
            t -> new Request("POST", "/api/v1/conflicts/" + t.conflictId() + "/resolution",
                    Json.createObjectBuilder().add("action", "ACCEPT_SERVER").add("comment", "matrix").build()
                            .toString())),
    RESOLVE_ALL("POST", "/api/v1/conflicts/resolution", Kind.WRITE, Roles.CHANGERS,
            t -> new Request("POST", "/api/v1/conflicts/resolution", Json.createObjectBuilder()
                    .add("action", "ACCEPT_SERVER").add("filter", Json.createObjectBuilder()
                            .add("deviceId", t.deviceId())).build().toString())),
    RESOLUTION_JOB("GET", "/api/v1/conflicts/resolution-jobs/{jobId}", Kind.BY_ID, Roles.PEOPLE,
            t -> get("/api/v1/conflicts/resolution-jobs/" + t.jobId())),
    OPERATIONS("GET", "/api/v1/operations", Kind.LIST, Roles.PEOPLE,
            t -> get("/api/v1/operations")),
    REDRIVE("POST", "/api/v1/operations/{opId}/redrive", Kind.BY_ID, Roles.CHANGERS,
            t -> new Request("POST", "/api/v1/operations/" + t.opId() + "/redrive?deviceId=" + t.deviceId(), null)),
    REDRIVE_ALL("POST", "/api/v1/operations/redrive", Kind.WRITE, Roles.CHANGERS,
            t -> new Request("POST", "/api/v1/operations/redrive",
                    Json.createObjectBuilder().add("deviceId", t.deviceId()).build().toString())),
    AUDIT_OPERATIONS("GET", "/api/v1/audit/operations", Kind.LIST, Roles.AUDIT,
            t -> get("/api/v1/audit/operations?deviceId=" + t.deviceId())),
    AUDIT_EVENTS("GET", "/api/v1/audit/events", Kind.LIST, Roles.AUDIT,
            t -> get("/api/v1/audit/events?deviceId=" + t.deviceId() + "&opId=" + t.opId())),
    AUDIT_VERIFY("GET", "/api/v1/audit/verify", Kind.LIST, Roles.AUDIT,
            t -> get("/api/v1/audit/verify"));

    /** What an endpoint does with what it is given, which decides what tenant isolation means for it. */
    public enum Kind {
        /** Addresses one object by id: another tenant's id is 404. */
        BY_ID,
        /** Lists: another tenant's objects never appear. */
        LIST,
        /** Writes (or acts on a filter): acts only on the caller's tenant, never reports another's objects. */
        WRITE,
        /** An event stream of the caller's tenant. */
        STREAM
    }

    /** A request as sent: method, path with query, and a JSON body or null. */
    public record Request(String method, String path, String body) {
    }

    /** The objects a request names: a device, one of its batches (with its body), a conflict, a job, an op. */
    public record Target(String deviceId, String batchId, String batch, String conflictId, String jobId,
            String opId) {
    }

    public final String method;
    public final String template;
    public final Kind kind;
    public final Set<String> roles;
    private final Function<Target, Request> request;

    Endpoints(String method, String template, Kind kind, Set<String> roles, Function<Target, Request> request) {
        this.method = method;
        this.template = template;
        this.kind = kind;
        this.roles = roles;
        this.request = request;
    }

    public Request request(Target target) {
        return request.apply(target);
    }

    private static Request get(String path) {
        return new Request("GET", path, null);
    }

    /** Role names, and who may call what, as the contract's table of roles says. */
    public static final class Roles {

        public static final String DEVICE = "device";
        public static final String OPERATOR = "operator";
        public static final String AUDITOR = "auditor";
        public static final String ADMIN = "admin";

        /** The roles of the contract, and roles no one should mistake for them. */
        public static final List<String> KNOWN = List.of(DEVICE, OPERATOR, AUDITOR, ADMIN);
        public static final List<String> UNKNOWN = List.of("cashier", "Admin", "devices");

        /** Push and pull: a device (as itself), operators, admins. */
        static final Set<String> PUSHERS = Set.of(DEVICE, OPERATOR, ADMIN);
        /** Reads a device may make of its own things, and everyone else of any. */
        static final Set<String> EVERYONE = Set.of(DEVICE, OPERATOR, AUDITOR, ADMIN);
        /** Reads of the review workflow: operators, auditors (read-only), admins. */
        static final Set<String> PEOPLE = Set.of(OPERATOR, AUDITOR, ADMIN);
        /** Changes of the review workflow: operators and admins. */
        static final Set<String> CHANGERS = Set.of(OPERATOR, ADMIN);
        /** The audit log: auditors and admins. */
        static final Set<String> AUDIT = Set.of(AUDITOR, ADMIN);

        private Roles() {
        }
    }
}

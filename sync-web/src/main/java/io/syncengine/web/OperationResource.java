package io.syncengine.web;

import io.syncengine.application.Caller;
import io.syncengine.application.OperationFilter;
import io.syncengine.application.OperationPage;
import io.syncengine.application.OperationQueries;
import io.syncengine.application.OperationRedrive;
import io.syncengine.application.OperationView;
import io.syncengine.domain.model.FieldError;
import io.syncengine.domain.model.OperationStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The operation log for operators: list operations by status (FAILED ones first of all) and re-drive them. */
@Path("/operations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OperationResource {

    private static final int MAX_LIMIT = 500;
    private static final Set<String> BULK_FIELDS = Set.of("deviceId", "entity", "from", "to", "limit");

    @Inject
    private OperationQueries queries;

    @Inject
    private OperationRedrive redrive;

    @Inject
    private RequestBodies bodies;

    @Inject
    private Caller caller;

    /** Counts of a bulk re-drive. */
    public record RedriveResult(int redriven, boolean hasMore) {
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.AUDITOR, Caller.ADMIN})
    public OperationPage list(@QueryParam("status") @DefaultValue("FAILED") String status,
            @QueryParam("deviceId") String deviceId, @QueryParam("entity") String entity,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        List<FieldError> errors = new ArrayList<>();
        Params.oneOf("status", status, OperationStatus.class, errors);
        int size = Params.limit(limit, MAX_LIMIT, errors);
        var filter = new OperationFilter(status, deviceId, entity, Params.time("from", from, errors),
                Params.time("to", to, errors));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid query", errors);
        }
        return queries.list(caller, filter, size, cursor);
    }

    @POST
    @Path("{opId}/redrive")
    @RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
    public OperationView redrive(@PathParam("opId") String opId, @QueryParam("deviceId") String deviceId) {
        return redrive.redrive(caller, opId, deviceId);
    }

    @POST
    @Path("redrive")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
    public RedriveResult redriveAll(InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long contentLength) {
        JsonObject json = bodies.object(body, contentEncoding, contentLength, BULK_FIELDS, "{}");
        List<FieldError> errors = new ArrayList<>();
        String deviceId = JsonBody.text(json, "deviceId", errors);
        String entity = JsonBody.text(json, "entity", errors);
        var from = Params.time("from", JsonBody.text(json, "from", errors), errors);
        var to = Params.time("to", JsonBody.text(json, "to", errors), errors);
        int limit = OperationRedrive.MAX_BULK;
        JsonValue limitValue = json.get("limit");
        if (limitValue != null && limitValue.getValueType() != JsonValue.ValueType.NULL) {
            if (limitValue instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 1
                    && n.longValue() <= OperationRedrive.MAX_BULK) {
                limit = n.intValue();
            } else {
                errors.add(new FieldError("/limit", "must be a whole number from 1 to " + OperationRedrive.MAX_BULK));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid re-drive", errors);
        }
        int redriven = redrive.redriveAll(caller, new OperationFilter("FAILED", deviceId, entity, from, to), limit);
        return new RedriveResult(redriven, redriven == limit);
    }
}

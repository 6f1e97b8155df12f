package io.syncengine.web;

import io.syncengine.application.BulkResolutionRequest;
import io.syncengine.application.Caller;
import io.syncengine.application.ConflictFilter;
import io.syncengine.application.ConflictPage;
import io.syncengine.application.ConflictQueries;
import io.syncengine.application.ConflictResolutions;
import io.syncengine.application.ConflictView;
import io.syncengine.application.ResolutionJobView;
import io.syncengine.application.ResolutionJobs;
import io.syncengine.application.ResolutionRequest;
import io.syncengine.application.ResolutionView;
import io.syncengine.domain.model.Conflict;
import io.syncengine.domain.model.ConflictType;
import io.syncengine.domain.model.FieldError;
import io.syncengine.domain.model.ResolutionAction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Conflicts: list, read (with the difference to the server's record now), resolve one, resolve in bulk. */
@Path("/conflicts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConflictResource {

    private static final int MAX_LIMIT = 500;
    private static final Set<String> RESOLUTION_FIELDS = Set.of("action", "data", "comment");
    private static final Set<String> BULK_FIELDS = Set.of("action", "comment", "filter");
    private static final Set<String> FILTER_FIELDS = Set.of("deviceId", "entity", "type", "from", "to");

    @Inject
    private ConflictQueries conflicts;

    @Inject
    private ConflictResolutions resolutions;

    @Inject
    private ResolutionJobs jobs;

    @Inject
    private RequestBodies bodies;

    @Inject
    private Caller caller;

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.AUDITOR, Caller.ADMIN})
    public ConflictPage list(@QueryParam("status") String status, @QueryParam("deviceId") String deviceId,
            @QueryParam("entity") String entity, @QueryParam("type") String type,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        List<FieldError> errors = new ArrayList<>();
        Params.oneOf("status", status, Conflict.Status.class, errors);
        Params.oneOf("type", type, ConflictType.class, errors);
        int size = Params.limit(limit, MAX_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid query", errors);
        }
        return conflicts.list(caller, new ConflictFilter(status, deviceId, entity, type), size, cursor);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.OPERATOR, Caller.AUDITOR, Caller.ADMIN})
    public ConflictView get(@PathParam("id") String id,
            @QueryParam("waitSeconds") @DefaultValue("0") String waitSeconds) {
        return conflicts.get(caller, id, Params.waitSeconds(waitSeconds));
    }

    @POST
    @Path("{id}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
    public Response resolve(@PathParam("id") String id, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long contentLength) {
        JsonObject json = bodies.object(body, contentEncoding, contentLength, RESOLUTION_FIELDS, null);
        List<FieldError> errors = new ArrayList<>();
        ResolutionAction action = action(json, errors);
        JsonValue data = json.get("data");
        if (data != null && data.getValueType() != JsonValue.ValueType.NULL
                && data.getValueType() != JsonValue.ValueType.OBJECT) {
            errors.add(new FieldError("/data", "must be an object"));
        }
        String comment = JsonBody.text(json, "comment", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid resolution", errors);
        }
        ResolutionView resolution = resolutions.request(caller, id, new ResolutionRequest(action,
                data instanceof JsonObject object ? object : null, comment));
        return Response.accepted(resolution).location(URI.create("/api/v1/conflicts/" + id)).build();
    }

    @POST
    @Path("resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
    public Response resolveAll(InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long contentLength) {
        JsonObject json = bodies.object(body, contentEncoding, contentLength, BULK_FIELDS, null);
        List<FieldError> errors = new ArrayList<>();
        ResolutionAction action = action(json, errors);
        String comment = JsonBody.text(json, "comment", errors);
        JsonValue filterValue = json.get("filter");
        JsonObject filter = filterValue instanceof JsonObject f ? f : JsonValue.EMPTY_JSON_OBJECT;
        if (filterValue != null && !(filterValue instanceof JsonObject)) {
            errors.add(new FieldError("/filter", "must be an object {deviceId, entity, type, from, to}"));
        }
        filter.keySet().stream().filter(name -> !FILTER_FIELDS.contains(name))
                .forEach(name -> errors.add(new FieldError("/filter/" + name,
                        "is not a filter (filters: deviceId, entity, type, from, to)")));
        List<FieldError> filterErrors = new ArrayList<>();
        String deviceId = JsonBody.text(filter, "deviceId", filterErrors);
        String entity = JsonBody.text(filter, "entity", filterErrors);
        ConflictType type = Params.oneOf("type", JsonBody.text(filter, "type", filterErrors), ConflictType.class,
                filterErrors);
        var from = Params.time("from", JsonBody.text(filter, "from", filterErrors), filterErrors);
        var to = Params.time("to", JsonBody.text(filter, "to", filterErrors), filterErrors);
        filterErrors.forEach(e -> errors.add(new FieldError("/filter" + e.pointer(), e.message())));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid bulk resolution", errors);
        }
        String jobId = jobs.create(caller, new BulkResolutionRequest(action, comment, deviceId, entity, type, from,
                to));
        jobs.run(jobId);
        return Response.accepted(jobs.get(caller, jobId, 0))
                .location(URI.create("/api/v1/conflicts/resolution-jobs/" + jobId)).build();
    }

    @GET
    @Path("resolution-jobs/{jobId}")
    @RolesAllowed({Caller.OPERATOR, Caller.AUDITOR, Caller.ADMIN})
    public ResolutionJobView job(@PathParam("jobId") String jobId,
            @QueryParam("waitSeconds") @DefaultValue("0") String waitSeconds) {
        return jobs.get(caller, jobId, Params.waitSeconds(waitSeconds));
    }

    private static ResolutionAction action(JsonObject json, List<FieldError> errors) {
        String value = JsonBody.text(json, "action", errors);
        if (value == null) {
            errors.add(new FieldError("/action", "is required: one of ACCEPT_SERVER, APPLY_LOCAL, APPLY_MERGED, "
                    + "DISCARD"));
            return null;
        }
        return Params.oneOf("action", value, ResolutionAction.class, errors);
    }
}

package io.syncengine.web;

import io.syncengine.application.Caller;
import io.syncengine.application.ConflictFilter;
import io.syncengine.application.ConflictPage;
import io.syncengine.application.ConflictQueries;
import io.syncengine.application.ConflictView;
import io.syncengine.domain.model.Conflict;
import io.syncengine.domain.model.ConflictType;
import io.syncengine.domain.model.FieldError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Conflicts, read side: list (newest first, paged) and one by id. */
@Path("/conflicts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.OPERATOR, Caller.AUDITOR, Caller.ADMIN})
@Tag(name = "Conflicts")
public class ConflictResource {

    private static final int MAX_LIMIT = 500;

    @Inject
    private ConflictQueries conflicts;

    @Inject
    private Caller caller;

    @GET
    @Operation(summary = "List conflicts, newest first")
    public ConflictPage list(@QueryParam("status") String status, @QueryParam("deviceId") String deviceId,
            @QueryParam("entity") String entity, @QueryParam("type") String type,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        List<FieldError> errors = new ArrayList<>();
        if (status != null && Arrays.stream(Conflict.Status.values()).noneMatch(s -> s.name().equals(status))) {
            errors.add(new FieldError("/status", "must be one of " + Arrays.toString(Conflict.Status.values())));
        }
        if (type != null && Arrays.stream(ConflictType.values()).noneMatch(t -> t.name().equals(type))) {
            errors.add(new FieldError("/type", "must be one of " + Arrays.toString(ConflictType.values())));
        }
        int size = -1;
        try {
            size = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            // reported below
        }
        if (size < 1 || size > MAX_LIMIT) {
            errors.add(new FieldError("/limit", "must be a whole number from 1 to " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid query", errors);
        }
        return conflicts.list(caller, new ConflictFilter(status, deviceId, entity, type), size, cursor);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One conflict: the operation, the terminal's data and the server record at detection")
    public ConflictView get(@PathParam("id") String id) {
        return conflicts.get(caller, id);
    }
}

package io.syncengine.web;

import io.syncengine.application.Caller;
import io.syncengine.application.ChangeFeed;
import io.syncengine.application.ChangePulls;
import io.syncengine.application.DevicePulls;
import io.syncengine.application.PullCursor;
import io.syncengine.domain.model.EntityType;
import io.syncengine.domain.model.FieldError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pull ({@code GET /sync/changes}): a page of changes since a cursor (or of a full snapshot without one), written
 * to the response as it is read from the database.
 */
@Path("/sync/changes")
@RequestScoped
public class ChangeResource {

    private static final Logger LOG = Logger.getLogger(ChangeResource.class.getName());

    @Inject
    private ChangePulls pulls;

    @Inject
    private DevicePulls devices;

    @Inject
    private RateLimits limits;

    @Inject
    private Caller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.DEVICE, Caller.OPERATOR, Caller.ADMIN})
    public Response changes(@QueryParam("since") String since, @QueryParam("entities") String entities,
            @QueryParam("limit") @DefaultValue("" + ChangePulls.DEFAULT_LIMIT) String limit) {
        if (caller.deviceId() != null) {
            limits.pull(caller.tenant(), caller.deviceId());
        }
        List<FieldError> errors = new ArrayList<>();
        int size = Params.limit(limit, ChangePulls.MAX_LIMIT, errors);
        Set<EntityType> selection = EnumSet.noneOf(EntityType.class);
        if (entities != null && !entities.isBlank()) {
            for (String name : entities.split(",")) {
                EntityType.fromWire(name.trim()).ifPresentOrElse(selection::add, () -> errors.add(
                        new FieldError("/entities", "'" + name.trim() + "' is not an entity (category, customer, "
                                + "product)")));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid query", errors);
        }
        PullCursor cursor = pulls.start(since == null || since.isBlank() ? null : since, selection);
        StreamingOutput body = out -> {
            String next;
            try (ChangeWriter writer = new ChangeWriter(out)) {
                ChangeFeed.Page page = pulls.page(caller, cursor, size, writer::write);
                next = page.next().encode();
                writer.end(next, page.hasMore());
            }
            // Closing the writer ended the answer, so the terminal does not wait for this transaction of its own.
            if (caller.deviceId() != null) {
                recordPull(next);
            }
        };
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    /** The device's status shows its last pull; the answer has been written already, so a failure is only logged. */
    private void recordPull(String cursor) {
        try {
            devices.pulled(caller.tenant(), caller.deviceId(), cursor);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record the pull of device " + caller.deviceId(), e);
        }
    }
}

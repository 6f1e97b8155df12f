package io.syncengine.web;

import io.syncengine.application.Caller;
import io.syncengine.application.DeviceFilter;
import io.syncengine.application.DevicePage;
import io.syncengine.application.DeviceQueries;
import io.syncengine.application.DeviceStatusView;
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
import java.util.List;

/** Devices as the server learned them from their pushes and pulls: the list and one device's status. */
@Path("/devices")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    private static final int MAX_LIMIT = 500;

    @Inject
    private DeviceQueries devices;

    @Inject
    private Caller caller;

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.AUDITOR, Caller.ADMIN})
    public DevicePage list(@QueryParam("staleSince") String staleSince,
            @QueryParam("hasOpenConflicts") String hasOpenConflicts, @QueryParam("hasFailedOps") String hasFailedOps,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        List<FieldError> errors = new ArrayList<>();
        int size = Params.limit(limit, MAX_LIMIT, errors);
        DeviceFilter filter = new DeviceFilter(Params.time("staleSince", staleSince, errors),
                Params.flag("hasOpenConflicts", hasOpenConflicts, errors),
                Params.flag("hasFailedOps", hasFailedOps, errors));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid query", errors);
        }
        return devices.list(caller, filter, size, cursor);
    }

    @GET
    @Path("{deviceId}/status")
    @RolesAllowed({Caller.DEVICE, Caller.OPERATOR, Caller.AUDITOR, Caller.ADMIN})
    public DeviceStatusView status(@PathParam("deviceId") String deviceId) {
        if (!caller.mayRead(deviceId)) {
            throw new ProblemException(403, Problem.FORBIDDEN, "Forbidden",
                    "this token may read only the status of device " + caller.deviceId(), null);
        }
        return devices.status(caller, deviceId);
    }
}

package io.syncengine.web;

import io.syncengine.application.BatchIntake;
import io.syncengine.application.BatchQueries;
import io.syncengine.application.BatchReceipt;
import io.syncengine.application.BatchStatusView;
import io.syncengine.application.BatchSubmission;
import io.syncengine.application.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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

/** Push ({@code POST /sync/batches}) and batch status ({@code GET /sync/batches/{batchId}}). */
@Path("/sync/batches")
@RequestScoped
public class BatchResource {

    @Inject
    private BatchReader reader;

    @Inject
    private BatchIntake intake;

    @Inject
    private BatchQueries queries;

    @Inject
    private RateLimits limits;

    @Inject
    private Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.DEVICE, Caller.OPERATOR, Caller.ADMIN})
    public Response push(InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long contentLength) {
        // A device's pushes count before its body is read; a person's count against the device they push as.
        if (caller.deviceId() != null) {
            limits.push(caller.tenant(), caller.deviceId());
        }
        BatchSubmission batch = reader.read(body, contentEncoding, contentLength);
        if (!caller.mayActAs(batch.deviceId())) {
            throw new ProblemException(403, Problem.FORBIDDEN, "Forbidden",
                    "this token may not push as device " + batch.deviceId(), null);
        }
        if (caller.deviceId() == null) {
            limits.push(caller.tenant(), batch.deviceId());
        }
        BatchReceipt receipt = intake.accept(caller, batch);
        return Response.accepted(new BatchReceiptResponse(receipt.batchId(), receipt.received(),
                receipt.duplicates(), "/api/v1/sync/batches/" + receipt.batchId())).build();
    }

    @GET
    @Path("{batchId}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.DEVICE, Caller.OPERATOR, Caller.AUDITOR, Caller.ADMIN})
    public BatchStatusView status(@PathParam("batchId") String batchId,
            @QueryParam("waitSeconds") @DefaultValue("0") String waitSeconds) {
        return queries.status(caller, batchId, Params.waitSeconds(waitSeconds));
    }
}

package io.syncengine.web;

import io.syncengine.application.AuditFilter;
import io.syncengine.application.AuditTrail;
import io.syncengine.application.AuditVerification;
import io.syncengine.application.Caller;
import io.syncengine.domain.model.AuditEvent;
import io.syncengine.domain.model.AuditEventType;
import io.syncengine.domain.model.EntityType;
import io.syncengine.domain.model.FieldError;
import io.syncengine.domain.model.OperationStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * The auditors' view: every operation ever received and what became of it, the append-only event log, and the
 * verification of its hash chain. Pages are JSON; with {@code Accept: text/csv} the same rows (all that the filter
 * matches, from the cursor on) stream as CSV.
 */
@Path("/audit")
@RequestScoped
public class AuditResource {

    static final String CSV = "text/csv";
    /** JSON unless the caller asks for CSV ({@code Accept: *}{@code /*} gets JSON). */
    private static final String JSON_FIRST = "application/json;qs=1";
    private static final String CSV_SECOND = "text/csv;qs=0.5";

    @Inject
    private AuditTrail trail;

    @Inject
    private Caller caller;

    /** The filters both logs share. */
    public static class Query {
        @QueryParam("deviceId")
        String deviceId;
        @QueryParam("entity")
        String entity;
        @QueryParam("entityId")
        String entityId;
        @QueryParam("batchId")
        String batchId;
        @QueryParam("from")
        String from;
        @QueryParam("to")
        String to;
        @QueryParam("limit")
        @DefaultValue("" + AuditTrail.DEFAULT_LIMIT)
        String limit;
        @QueryParam("cursor")
        String cursor;

        AuditFilter filter(String status, String opId, List<FieldError> errors) {
            if (entity != null && EntityType.fromWire(entity).isEmpty()) {
                errors.add(new FieldError("/entity", "'" + entity + "' is not an entity"));
            }
            if (opId != null && deviceId == null) {
                errors.add(new FieldError("/opId", "needs deviceId: an opId is unique per device"));
            }
            return new AuditFilter(deviceId, entity, entityId, batchId, status, opId,
                    Params.time("from", from, errors), Params.time("to", to, errors));
        }

        int size(List<FieldError> errors) {
            return Params.limit(limit, AuditTrail.MAX_LIMIT, errors);
        }
    }

    @GET
    @Path("operations")
    @Produces(JSON_FIRST)
    @RolesAllowed({Caller.AUDITOR, Caller.ADMIN})
    public AuditTrail.OperationPage operations(@BeanParam Query query, @QueryParam("status") String status) {
        List<FieldError> errors = new ArrayList<>();
        AuditFilter filter = operationFilter(query, status, errors);
        int size = query.size(errors);
        valid(errors);
        return trail.operations(caller, filter, size, query.cursor);
    }

    @GET
    @Path("operations")
    @Produces(CSV_SECOND)
    @RolesAllowed({Caller.AUDITOR, Caller.ADMIN})
    public Response operationsCsv(@BeanParam Query query, @QueryParam("status") String status) {
        List<FieldError> errors = new ArrayList<>();
        AuditFilter filter = operationFilter(query, status, errors);
        valid(errors);
        StreamingOutput body = out -> {
            try (CsvWriter csv = new CsvWriter(out)) {
                csv.header("deviceId", "opId", "batchId", "seq", "entity", "entityId", "type", "baseVersion",
                        "resultVersion", "status", "conflictId", "assignedId", "resolutionId", "subject",
                        "clientTime", "receivedAt", "settledAt");
                trail.exportOperations(caller, filter, query.cursor, op -> csv.text(op.deviceId()).text(op.opId())
                        .text(op.batchId()).number(op.seq()).text(op.entity()).text(op.entityId()).text(op.type())
                        .number(op.baseVersion()).number(op.resultVersion()).text(op.status())
                        .text(op.conflictId()).text(op.assignedId()).text(op.resolutionId()).text(op.subject())
                        .time(op.clientTime()).time(op.receivedAt()).time(op.settledAt()).endRow());
            }
        };
        return csv(body, "operations.csv");
    }

    @GET
    @Path("events")
    @Produces(JSON_FIRST)
    @RolesAllowed({Caller.AUDITOR, Caller.ADMIN})
    public AuditTrail.EventPage events(@BeanParam Query query, @QueryParam("type") String type,
            @QueryParam("opId") String opId) {
        List<FieldError> errors = new ArrayList<>();
        AuditFilter filter = eventFilter(query, type, opId, errors);
        int size = query.size(errors);
        valid(errors);
        return trail.events(caller, filter, size, query.cursor);
    }

    @GET
    @Path("events")
    @Produces(CSV_SECOND)
    @RolesAllowed({Caller.AUDITOR, Caller.ADMIN})
    public Response eventsCsv(@BeanParam Query query, @QueryParam("type") String type,
            @QueryParam("opId") String opId) {
        List<FieldError> errors = new ArrayList<>();
        AuditFilter filter = eventFilter(query, type, opId, errors);
        valid(errors);
        StreamingOutput body = out -> {
            try (CsvWriter csv = new CsvWriter(out)) {
                csv.header("id", "type", "subject", "deviceId", "opId", "batchId", "seq", "entity", "entityId",
                        "opType", "beforeVersion", "afterVersion", "payloadHash", "detail", "clientTime",
                        "recordedAt");
                trail.exportEvents(caller, filter, query.cursor, (AuditEvent e) -> csv.number(e.id())
                        .text(e.type()).text(e.subject()).text(e.deviceId()).text(e.opId()).text(e.batchId())
                        .number(e.seq()).text(e.entity()).text(e.entityId()).text(e.opType())
                        .number(e.beforeVersion()).number(e.afterVersion()).text(e.payloadHash()).text(e.detail())
                        .time(e.clientTime()).time(e.recordedAt()).endRow());
            }
        };
        return csv(body, "events.csv");
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.AUDITOR, Caller.ADMIN})
    public AuditVerification verify(@QueryParam("from") String from, @QueryParam("to") String to) {
        List<FieldError> errors = new ArrayList<>();
        var start = Params.time("from", from, errors);
        var end = Params.time("to", to, errors);
        valid(errors);
        return trail.verify(caller, start, end);
    }

    private static AuditFilter operationFilter(Query query, String status, List<FieldError> errors) {
        Params.oneOf("status", status, OperationStatus.class, errors);
        return query.filter(status, null, errors);
    }

    private static AuditFilter eventFilter(Query query, String type, String opId, List<FieldError> errors) {
        Params.oneOf("type", type, AuditEventType.class, errors);
        return query.filter(type, opId, errors);
    }

    private static void valid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid query", errors);
        }
    }

    private static Response csv(StreamingOutput body, String name) {
        return Response.ok(body, CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}

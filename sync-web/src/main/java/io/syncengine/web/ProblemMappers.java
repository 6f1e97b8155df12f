package io.syncengine.web;

import io.syncengine.application.BatchIdReusedException;
import io.syncengine.application.InvalidCursorException;
import io.syncengine.application.InvalidRequestException;
import io.syncengine.application.NotFoundException;
import io.syncengine.application.ResyncRequiredException;
import io.syncengine.application.StateConflictException;
import io.syncengine.domain.model.FieldError;
import jakarta.ejb.EJBException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception that reaches the edge into the one problem shape. Bodies never carry stack traces or SQL:
 * unexpected failures are logged here and answered with a generic sentence.
 */
@Provider
public class ProblemMappers implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
        Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ProblemException p) {
            return problem(p.status(), p.type(), p.title(), p.getMessage(), p);
        }
        if (cause instanceof NotFoundException) {
            return problem(404, Problem.NOT_FOUND, "Not found", cause.getMessage(), null);
        }
        if (cause instanceof BatchIdReusedException) {
            return problem(409, Problem.BATCH_ID_REUSED, "Batch id reused", cause.getMessage(), null);
        }
        if (cause instanceof InvalidRequestException invalid) {
            return problem(400, Problem.VALIDATION, "Invalid request", cause.getMessage(), null, invalid.errors());
        }
        if (cause instanceof ResyncRequiredException) {
            return problem(410, Problem.RESYNC_REQUIRED, "Resync required", cause.getMessage(), null);
        }
        if (cause instanceof StateConflictException) {
            return problem(409, Problem.STATE_CONFLICT, "Conflict with the current state", cause.getMessage(), null);
        }
        if (cause instanceof InvalidCursorException) {
            return problem(400, Problem.VALIDATION, "Invalid cursor", cause.getMessage(), null);
        }
        if (cause instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            if (status >= 500) {
                LOG.log(Level.SEVERE, "failure of " + (uri == null ? "a request" : uri.getPath()), e);
            }
            Problem generic = Problem.ofStatus(status, null);
            Response answer = problem(status, generic.type(), generic.title(), generic.detail(), null);
            String allow = w.getResponse().getHeaderString(HttpHeaders.ALLOW);
            return allow == null ? answer : Response.fromResponse(answer).header(HttpHeaders.ALLOW, allow).build();
        }
        if (isUnavailable(e)) {
            LOG.log(Level.WARNING, "request failed: the database or the broker is unavailable", e);
            return problem(503, Problem.UNAVAILABLE, "Service unavailable",
                    "the queue or the database is unavailable; nothing was accepted, retry later", null);
        }
        LOG.log(Level.SEVERE, "unexpected failure of " + (uri == null ? "a request" : uri.getPath()), e);
        return problem(500, Problem.INTERNAL, "Internal error",
                "the server failed unexpectedly; the failure is logged", null);
    }

    /**
     * A failure of the database or the broker, or a commit that could not complete: nothing was accepted and a retry
     * may succeed. SQL errors count only when their SQLState says so (connection, resources, shutdown, a
     * serialization failure or deadlock); any other SQL error is a defect, answered 500.
     */
    private static boolean isUnavailable(Throwable e) {
        boolean transactional = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                return state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                        || state.startsWith("40");
            }
            if (t instanceof JMSException || t instanceof JMSRuntimeException || t instanceof RollbackException
                    || t instanceof SystemException || t instanceof javax.transaction.xa.XAException) {
                transactional = true;
            }
        }
        return transactional;
    }

    private Response problem(int status, String type, String title, String detail, ProblemException source) {
        return problem(status, type, title, detail, source, source == null ? null : source.errors());
    }

    private Response problem(int status, String type, String title, String detail, ProblemException source,
            List<FieldError> errors) {
        String instance = uri == null ? null : uri.getRequestUri().getPath();
        Problem body = new Problem(type, title, status, detail, instance, errors);
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
        if (status == 503) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        if (source != null && source.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, source.retryAfterSeconds().toString());
        }
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }
}

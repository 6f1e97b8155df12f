package io.syncengine.web;

import io.syncengine.application.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The {@link Caller} that {@link TokenClaims} built from the verified token: the token, never the body, decides the
 * tenant. Jersey keeps a request's properties as the servlet request's attributes, so the caller is read from there
 * rather than from the token's claims again. Every endpoint requires a role, so a resource runs only for a token that
 * passed {@link TokenClaims}; the check here keeps a caller without a tenant out even so.
 */
@RequestScoped
public class CallerProducer {

    @Inject
    private HttpServletRequest request;

    /** Dependent, not request-scoped: a record cannot be proxied, and the resources using it are per request. */
    @Produces
    Caller caller() {
        if (request.getAttribute(TokenClaims.CALLER) instanceof Caller caller) {
            return caller;
        }
        throw new ProblemException(401, Problem.UNAUTHORIZED, "Unauthorized", "the token carries no tenant claim",
                null);
    }
}

package io.syncengine.web;

import io.syncengine.application.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Builds the {@link Caller} from the verified token: the token, never the body, decides the tenant. {@link TokenClaims}
 * has refused tokens without a tenant before any resource runs; the check here keeps a null tenant out even so.
 */
@RequestScoped
public class CallerProducer {

    @Inject
    private JsonWebToken token;

    /** Dependent, not request-scoped: a record cannot be proxied, and the resources using it are per request. */
    @Produces
    Caller caller() {
        String tenant = TokenClaims.text(token, TokenClaims.TENANT);
        if (tenant == null) {
            throw new ProblemException(401, Problem.UNAUTHORIZED, "Unauthorized", "the token carries no tenant claim",
                    null);
        }
        Set<String> groups = token.getGroups() == null ? Set.of() : Set.copyOf(token.getGroups());
        return new Caller(tenant, token.getName() != null ? token.getName() : token.getSubject(), groups,
                TokenClaims.text(token, TokenClaims.DEVICE_ID));
    }
}

package io.syncengine.web;

import io.syncengine.application.Caller;
import io.syncengine.domain.model.OperationValidator;
import jakarta.annotation.Priority;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What this API requires of a token beyond what MicroProfile JWT verifies (signature, algorithm, issuer, audience,
 * expiry): that it is valid already ({@code nbf}), a tenant, and for the device role the device it acts as. A token
 * without them identifies no one this server can confine, so it is refused as unauthenticated (401), before any role is
 * checked, never answered with a null tenant. A token that passes becomes the request's {@link Caller}, read from
 * its claims here once: each claim read goes through the token's CDI proxy, and Payara's {@code getClaim} throws and
 * catches an exception inside for every claim that MicroProfile does not name (profiled at 5 % of a push's CPU when
 * the claims were read again wherever they were needed).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class TokenClaims implements ContainerRequestFilter {

    public static final String TENANT = "tenant";
    public static final String DEVICE_ID = "device_id";
    /** The request property that holds the {@link Caller} of a request whose token passed. */
    public static final String CALLER = Caller.class.getName();

    /** Longest tenant the schema keeps (every table's {@code tenant} column). */
    static final int MAX_TENANT_LENGTH = 64;

    /** The clock skew MicroProfile JWT allows for {@code exp} and {@code iat}, allowed for {@code nbf} too. */
    private final long skewSeconds = ConfigProvider.getConfig()
            .getOptionalValue("mp.jwt.verify.clock.skew", Long.class).orElse(60L);

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token) {
            // Payara's verifier checks exp and iat but not nbf.
            Long notBefore = seconds(token.getClaim(Claims.nbf.name()));
            if (notBefore != null && notBefore > Instant.now().getEpochSecond() + skewSeconds) {
                throw unauthorized("the token is not valid yet (nbf)");
            }
            String tenant = text(token, TENANT);
            if (tenant == null) {
                throw unauthorized("the token carries no tenant claim");
            }
            if (!usable(tenant, MAX_TENANT_LENGTH)) {
                throw unauthorized("the token's tenant claim must be at most " + MAX_TENANT_LENGTH
                        + " characters without control characters");
            }
            String device = text(token, DEVICE_ID);
            Set<String> groups = token.getGroups() == null ? Set.of() : Set.copyOf(token.getGroups());
            if (groups.contains(Caller.DEVICE) && device == null) {
                throw unauthorized("a token with the device role must carry a device_id claim");
            }
            if (device != null && !usable(device, OperationValidator.MAX_ID_LENGTH)) {
                throw unauthorized("the token's device_id claim must be at most " + OperationValidator.MAX_ID_LENGTH
                        + " characters without control characters");
            }
            String subject = token.getName() != null ? token.getName() : token.getSubject();
            request.setProperty(CALLER, new Caller(tenant, subject, groups, device));
        }
    }

    /** The request's caller, when its token passed this filter. */
    static Optional<Caller> caller(ContainerRequestContext request) {
        return request.getProperty(CALLER) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }

    private static Long seconds(Object claim) {
        if (claim instanceof JsonNumber number) {
            return number.longValue();
        }
        return claim instanceof Number number ? number.longValue() : null;
    }

    private static boolean usable(String value, int maxLength) {
        return value.length() <= maxLength && value.chars().noneMatch(Character::isISOControl);
    }

    /** A claim that must be a non-blank string; null when it is absent, blank or of another type. */
    private static String text(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value instanceof JsonString json) {
            value = json.getString();
        }
        return value instanceof String text && !text.isBlank() ? text : null;
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(401, Problem.UNAUTHORIZED, "Unauthorized", detail, null);
    }
}

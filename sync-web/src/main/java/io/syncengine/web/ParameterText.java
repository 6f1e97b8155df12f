package io.syncengine.web;

import io.syncengine.domain.model.FieldError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.List;

/**
 * Path and query parameters with control characters are refused (400), as ids in a batch are: no id, filter or
 * cursor of this API holds one, and PostgreSQL cannot even compare a NUL, so such a value would otherwise fail deep
 * in a query. Runs after authentication and the role check, so a caller without access learns nothing here.
 */
@Provider
@Priority(Priorities.USER)
public class ParameterText implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        List<FieldError> errors = new ArrayList<>();
        check(request.getUriInfo().getPathParameters(), errors);
        check(request.getUriInfo().getQueryParameters(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid request", errors);
        }
    }

    private static void check(MultivaluedMap<String, String> parameters, List<FieldError> errors) {
        parameters.forEach((name, values) -> {
            boolean control = name.chars().anyMatch(Character::isISOControl)
                    || values.stream().anyMatch(v -> v.chars().anyMatch(Character::isISOControl));
            if (control) {
                errors.add(new FieldError("/" + name.replaceAll("\\p{Cntrl}", "\uFFFD"),
                        "must not contain control characters"));
            }
        });
    }
}

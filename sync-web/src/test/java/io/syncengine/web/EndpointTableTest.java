package io.syncengine.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncengine.web.it.Endpoints;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The integration tests' table of endpoints ({@link Endpoints}) is every resource method of the application, with
 * the roles its {@code @RolesAllowed} grants: so the role matrix and the tenant-isolation walk cannot miss an
 * endpoint, and the code's roles are the contract's.
 */
class EndpointTableTest {

    @Test
    void theTableIsEveryResourceMethodWithItsRoles() throws Exception {
        TreeMap<String, Set<String>> inCode = new TreeMap<>();
        String root = SyncApplication.class.getAnnotation(ApplicationPath.class).value();
        var dir = java.nio.file.Path.of(SyncApplication.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).resolve("io/syncengine/web");
        try (var files = Files.list(dir)) {
            for (var file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                Class<?> type = Class.forName("io.syncengine.web." + file.getFileName().toString()
                        .replace(".class", ""));
                Path resource = type.getAnnotation(Path.class);
                if (resource == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = httpMethod(method);
                    if (verb == null) {
                        continue;
                    }
                    Path sub = method.getAnnotation(Path.class);
                    String path = join(root, resource.value(), sub == null ? "" : sub.value());
                    RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class)
                            ? method.getAnnotation(RolesAllowed.class) : type.getAnnotation(RolesAllowed.class);
                    inCode.put(verb + " " + path, roles == null ? Set.of() : new TreeSet<>(Arrays.asList(
                            roles.value())));
                }
            }
        }
        TreeMap<String, Set<String>> inTable = new TreeMap<>();
        for (Endpoints endpoint : Endpoints.values()) {
            inTable.put(endpoint.method + " " + endpoint.template, new TreeSet<>(endpoint.roles));
        }
        assertEquals(inCode, inTable, "the endpoints of the resource classes (expected) and of Endpoints (actual)");
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String... parts) {
        return Arrays.stream(parts).map(p -> p.replaceAll("^/+|/+$", "")).filter(p -> !p.isEmpty())
                .collect(Collectors.joining("/", "/", ""));
    }
}

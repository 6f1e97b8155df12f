package io.syncengine.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint requires a role: none is left open by accident when a resource or method is added. */
class EndpointRolesTest {

    private static final List<Class<?>> RESOURCES = List.of(BatchResource.class, ConflictResource.class,
            OperationResource.class, ChangeResource.class, DeviceResource.class,
            EventResource.class, AuditResource.class);

    @Test
    void everyResourceMethodDeclaresItsRoles() {
        List<String> open = new ArrayList<>();
        for (Class<?> resource : RESOURCES) {
            assertTrue(resource.isAnnotationPresent(Path.class), resource + " is not a resource");
            for (Method method : resource.getDeclaredMethods()) {
                boolean endpoint = method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class)
                        || method.isAnnotationPresent(PUT.class) || method.isAnnotationPresent(DELETE.class)
                        || method.isAnnotationPresent(PATCH.class);
                boolean guarded = method.isAnnotationPresent(RolesAllowed.class)
                        || resource.isAnnotationPresent(RolesAllowed.class);
                if (endpoint && !guarded) {
                    open.add(resource.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertTrue(open.isEmpty(), "endpoints without @RolesAllowed: " + open);
    }

    @Test
    void everyResourceInThePackageIsChecked() throws Exception {
        var root = java.nio.file.Path.of(BatchResource.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).resolve("io/syncengine/web");
        try (var files = java.nio.file.Files.list(root)) {
            for (var file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName("io.syncengine.web." + name);
                if (type.isAnnotationPresent(Path.class)) {
                    assertTrue(RESOURCES.contains(type), type + " is a resource missing from this test's list");
                }
            }
        }
    }
}

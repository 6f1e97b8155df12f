package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document ({@code /openapi}) describes every endpoint of {@link Endpoints} with the roles it
 * allows and the bearer scheme, needs no token (nor does the Redoc page), and passes Redocly's recommended rules
 * ({@code sync-web/redocly.yaml}). The lint runs through {@code npx}; without it on the PATH the lint is skipped,
 * unless {@code SYNC_REQUIRE_OPENAPI_LINT=true} (CI), which makes its absence a failure.
 */
class OpenApiIT extends SyncTestBase {

    /** Pinned so that a new release of the linter cannot fail (or pass) a build by itself. */
    static final String REDOCLY_CLI = "@redocly/cli@2.77.0";

    private static final Pattern ROLES_LINE = Pattern.compile("\\*\\*Roles:\\*\\*([^\\n]*)");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void describesEveryEndpointWithItsRoles() {
        Api.Reply reply = api().get("/openapi?format=json", null);
        assertEquals(200, reply.status(), "/openapi needs no token: " + reply.body());
        JsonObject document = reply.json();
        JsonObject paths = document.getJsonObject("paths");
        List<String> wrong = new ArrayList<>();
        for (Endpoints endpoint : Endpoints.values()) {
            JsonObject path = paths.getJsonObject(endpoint.template);
            JsonObject operation = path == null ? null
                    : path.getJsonObject(endpoint.method.toLowerCase(Locale.ROOT));
            if (operation == null) {
                wrong.add(endpoint + ": no " + endpoint.method + " " + endpoint.template);
                continue;
            }
            if (operation.getString("operationId", "").isBlank() || operation.getString("summary", "").isBlank()) {
                wrong.add(endpoint + ": no operationId or summary");
            }
            Set<String> roles = rolesIn(operation.getString("description", ""));
            if (!roles.equals(new TreeSet<>(endpoint.roles))) {
                wrong.add(endpoint + ": the description's roles " + roles + " are not "
                        + new TreeSet<>(endpoint.roles));
            }
            JsonObject responses = operation.getJsonObject("responses");
            for (String status : List.of("401", "403")) {
                if (!responses.containsKey(status)) {
                    wrong.add(endpoint + ": no " + status + " response");
                }
            }
        }
        assertTrue(wrong.isEmpty(), "the document disagrees with the endpoint table: " + wrong);

        JsonObject bearer = document.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("bearer");
        assertNotNull(bearer, "no bearer security scheme");
        assertEquals("http", bearer.getString("type"));
        assertEquals("bearer", bearer.getString("scheme"));
        assertEquals("JWT", bearer.getString("bearerFormat"));
        assertTrue(document.getJsonArray("security").getJsonObject(0).containsKey("bearer"),
                "the bearer scheme is not required by default");
    }

    @Test
    void theReferencePageNeedsNoToken() {
        Api.Reply page = api().get("/api-docs/", null);
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        assertTrue(page.body().contains("spec-url=\"/openapi"), "the page does not render /openapi");
    }

    @Test
    void passesRedoclysRecommendedRules() throws Exception {
        Api.Reply reply = api().get("/openapi", null);
        assertEquals(200, reply.status());
        Path module = Path.of(System.getProperty("sync.it.moduleDir"));
        Path document = module.resolve("target/openapi.yaml");
        Files.writeString(document, reply.body(), StandardCharsets.UTF_8);

        boolean required = "true".equals(System.getenv("SYNC_REQUIRE_OPENAPI_LINT"));
        if (!onPath("npx")) {
            if (required) {
                fail("SYNC_REQUIRE_OPENAPI_LINT=true but npx is not on the PATH: install Node.js and npm");
            }
            assumeTrue(false, "npx is not on the PATH: the OpenAPI lint is skipped");
        }
        Path log = module.resolve("target/openapi-lint.txt");
        ProcessBuilder lint = new ProcessBuilder("npx", "--yes", REDOCLY_CLI, "lint", "target/openapi.yaml")
                .directory(module.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process process = lint.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the lint did not finish in 10 minutes: " + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "redocly lint failed:\n" + output);
    }

    /** The roles named (in backquotes) on the description's {@code **Roles:**} line. */
    private static Set<String> rolesIn(String description) {
        Set<String> roles = new TreeSet<>();
        Matcher line = ROLES_LINE.matcher(description);
        if (line.find()) {
            Matcher code = CODE.matcher(line.group(1));
            while (code.find()) {
                if (Endpoints.Roles.KNOWN.contains(code.group(1))) {
                    roles.add(code.group(1));
                }
            }
        }
        return roles;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}

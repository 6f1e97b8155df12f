package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncengine.web.it.Endpoints.Roles;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each role against each endpoint, as the contract's table of roles says ({@link Endpoints}): a role the table
 * allows gets past the role check (whatever the call then answers: 200, 202, or 404 for an id that does not
 * exist), every other role, and roles the contract does not know, get 403 with a problem body and change nothing.
 */
class RoleMatrixIT extends SyncTestBase {

    private static final String TILL = "till-rm";

    @Test
    void eachRoleMayMakeExactlyTheCallsTheContractGivesIt() {
        Api api = api();
        JsonObject batch = Ops.batch(TILL, List.of(Ops.create(1, "category", Ops.id(), Ops.category("matrix"))));
        Endpoints.Target target = new Endpoints.Target(TILL, batch.getString("batchId"), batch.toString(),
                "no-such-conflict", "no-such-job", "no-such-op");
        List<String> wrong = new ArrayList<>();
        for (Endpoints endpoint : Endpoints.values()) {
            for (String role : Stream.concat(Roles.KNOWN.stream(), Roles.UNKNOWN.stream()).toList()) {
                String token = SyncStack.get().token(tenant, role, role.equals(Roles.DEVICE) ? TILL : null);
                Endpoints.Request request = endpoint.request(target);
                Api.Reply reply = api.call(request.method(), request.path(), token, request.body(),
                        request.body() == null ? Map.of() : Map.of("Content-Type", "application/json"));
                boolean allowed = endpoint.roles.contains(role);
                int status = reply.status();
                boolean right = allowed ? status != 401 && status != 403 && status < 500 : status == 403;
                if (!right) {
                    wrong.add(endpoint + " as " + role + " (" + (allowed ? "allowed" : "not allowed") + "): "
                            + status + " " + reply.body());
                } else if (status >= 400) {
                    Problems.assertProblem(reply);
                }
            }
        }
        assertEquals(List.of(), wrong);

        assertEquals(1, Sql.count("SELECT count(*) FROM sync_batch WHERE tenant = ?", tenant),
                "the allowed pushes were one batch, sent again");
        assertEquals(1, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ?", tenant));
        assertEquals(2, Sql.count("SELECT count(*) FROM sync_resolution_job WHERE tenant = ?", tenant),
                "one bulk resolution each by the operator and the admin, none by anyone else");
    }
}

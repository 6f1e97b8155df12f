package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.syncengine.launcher.TokenIssuer;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Tokens the server must refuse, minted here the way an attacker or a misconfigured identity provider would: each
 * is 401 with a problem body on every kind of call, and nothing of what they sent is stored. A device token acting
 * as another device is 403 (or 404 for another device's batch, whose existence is not disclosed).
 */
class TokenMatrixIT extends SyncTestBase {

    private static final String DEVICE = "till-1";
    private static final Duration TTL = Duration.ofMinutes(30);

    private static TokenIssuer issuer() {
        return SyncStack.get().issuer();
    }

    /** A correctly signed device token of this test's tenant whose claims {@code change} altered. */
    private String signed(UnaryOperator<JWTClaimsSet.Builder> change) {
        return issuer().sign(change.apply(deviceClaims()).build());
    }

    private JWTClaimsSet.Builder deviceClaims() {
        return issuer().claims(tenant, DEVICE, List.of("device"), DEVICE, TTL);
    }

    private static Date in(Duration offset) {
        return Date.from(Instant.now().plus(offset));
    }

    /** Every token the server must refuse, by what is wrong with it. */
    private Map<String, String> badTokens() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", signed(c -> c.issueTime(in(Duration.ofHours(-2))).notBeforeTime(in(Duration.ofHours(-2)))
                .expirationTime(in(Duration.ofHours(-1)))));
        tokens.put("not valid before an hour from now", signed(c -> c.notBeforeTime(in(Duration.ofHours(1)))));
        tokens.put("issued an hour from now", signed(c -> c.issueTime(in(Duration.ofHours(1)))
                .notBeforeTime(in(Duration.ofHours(1)))));
        tokens.put("another issuer", signed(c -> c.issuer("urn:someone-else")));
        tokens.put("another audience", signed(c -> c.audience("another-api")));
        tokens.put("no audience", signed(c -> c.audience((String) null)));
        tokens.put("no tenant claim", signed(c -> c.claim("tenant", null)));
        tokens.put("a blank tenant claim", signed(c -> c.claim("tenant", " ")));
        tokens.put("a tenant claim that is not a string", signed(c -> c.claim("tenant", 42)));
        tokens.put("a tenant claim longer than the schema keeps", signed(c -> c.claim("tenant", "t".repeat(65))));
        tokens.put("a device token without device_id", signed(c -> c.claim("device_id", null)));
        tokens.put("a device_id with a NUL", signed(c -> c.claim("device_id", "till\u00001")));
        tokens.put("no expiry", signed(c -> c.expirationTime(null)));

        var otherKeys = KeyPairGenerator.getInstance("RSA");
        otherKeys.initialize(2048);
        SignedJWT foreign = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), deviceClaims().build());
        foreign.sign(new RSASSASigner(otherKeys.generateKeyPair().getPrivate()));
        tokens.put("signed with another key", foreign.serialize());

        String genuine = signed(c -> c);
        String[] parts = genuine.split("\\.");
        String otherTenant = deviceClaims().claim("tenant", "t-" + Ops.id()).build().toString();
        tokens.put("claims changed after signing", parts[0] + "." + base64(otherTenant) + "." + parts[2]);
        tokens.put("no signature", parts[0] + "." + parts[1] + ".");

        tokens.put("alg none", new PlainJWT(deviceClaims().build()).serialize());
        tokens.put("alg none, upper case", base64("{\"alg\":\"NONE\",\"typ\":\"JWT\"}") + "."
                + base64(deviceClaims().build().toString()) + ".");

        byte[] pem = Files.readAllBytes(issuer().publicKeyFile());
        tokens.put("HS256 with the public key PEM as secret", hmac(pem));
        byte[] der = Base64.getMimeDecoder().decode(new String(pem, StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", ""));
        tokens.put("HS256 with the public key DER as secret", hmac(der));

        tokens.put("not a JWT", "not-a-token");
        return tokens;
    }

    private String hmac(byte[] secret) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), deviceClaims().build());
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyUnacceptableTokenIs401OnEveryKindOfCallAndStoresNothing() throws Exception {
        Api api = api();
        String batchId = Ops.id();
        JsonObject batch = Ops.batch(DEVICE, batchId, List.of(Ops.create(1, "category", Ops.id(),
                Ops.category("forged"))));
        List<String> wrong = new ArrayList<>();
        badTokens().forEach((what, token) -> {
            for (Api.Reply reply : List.of(
                    api.post(Api.BATCHES, token, batch),
                    api.get(Api.BATCHES + "/" + batchId, token),
                    api.get("/api/v1/sync/changes", token),
                    api.get("/api/v1/devices/" + DEVICE + "/status", token),
                    api.call("GET", "/api/v1/sync/events", token, null, Map.of()))) {
                try {
                    Problems.assertProblem(reply, 401);
                    assertEquals("Bearer", reply.headers().get("www-authenticate").get(0));
                } catch (AssertionError e) {
                    wrong.add(what + ": " + e.getMessage());
                }
            }
        });
        assertEquals(List.of(), wrong, "tokens not refused as they should be");
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_batch WHERE tenant = ?", tenant));
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ?", tenant));
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_device WHERE tenant = ?", tenant));

        // The same calls with the genuine token succeed: the refusals above were the tokens' doing.
        String genuine = signed(c -> c);
        assertEquals(202, api.post(Api.BATCHES, genuine, batch).status());
        assertEquals(1, Sql.count("SELECT count(*) FROM sync_batch WHERE tenant = ?", tenant));
    }

    @Test
    void aDeviceCannotActAsAnotherDevice() {
        Api api = api();
        String other = "till-2";
        JsonObject othersBatch = api.push(device(other), Ops.batch(other, List.of(Ops.create(1, "category",
                Ops.id(), Ops.category("theirs")))));
        String token = device(DEVICE);

        JsonObject refused = Problems.assertProblem(api.post(Api.BATCHES, token, Ops.batch(other,
                List.of(Ops.create(2, "category", Ops.id(), Ops.category("as them"))))), 403);
        assertTrue(refused.getString("detail").contains(other), refused.toString());
        Problems.assertProblem(api.get("/api/v1/devices/" + other + "/status", token), 403);
        Problems.assertProblem(api.call("GET", "/api/v1/sync/events?deviceId=" + other, token, null, Map.of()), 403);
        // Another device's batch is not disclosed at all.
        Problems.assertProblem(api.get(Api.BATCHES + "/" + othersBatch.getString("batchId"), token), 404);

        assertEquals(1, Sql.count("SELECT count(*) FROM sync_batch WHERE tenant = ?", tenant), "only till-2's own");
        assertEquals(1, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ?", tenant));
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_device WHERE tenant = ? AND device_id = ?", tenant,
                DEVICE));
    }
}

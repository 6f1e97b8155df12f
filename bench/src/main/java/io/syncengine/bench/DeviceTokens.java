package io.syncengine.bench;

import io.syncengine.launcher.TokenIssuer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

/**
 * Mints the terminals' tokens with the same key pair and issuer as {@code bin/sync-server token}, so the bench
 * authenticates exactly as a real device would, without an identity provider.
 */
final class DeviceTokens {

    private final TokenIssuer issuer;
    private final Path keyDir;

    private DeviceTokens(TokenIssuer issuer, Path keyDir) {
        this.issuer = issuer;
        this.keyDir = keyDir;
    }

    /** The launcher's keys: {@code $SYNC_DATA_DIR/keys} (default {@code data/keys}), issuer as the launcher's. */
    static DeviceTokens fromEnvironment() throws IOException, GeneralSecurityException {
        Path keyDir = Path.of(env("SYNC_DATA_DIR", "data")).resolve("keys");
        return new DeviceTokens(TokenIssuer.loadOrCreate(keyDir, env("SYNC_JWT_ISSUER", TokenIssuer.DEFAULT_ISSUER)),
                keyDir);
    }

    /** A {@code device} token that may act only as {@code deviceId} in {@code tenant}. */
    String device(String tenant, String deviceId, Duration ttl) {
        return issuer.mint(tenant, deviceId, List.of("device"), deviceId, ttl);
    }

    /** A token of a person in {@code role} (operator, auditor, admin) of {@code tenant}. */
    String person(String tenant, String role, Duration ttl) {
        return issuer.mint(tenant, role + "@" + tenant, List.of(role), null, ttl);
    }

    Path keyDir() {
        return keyDir;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

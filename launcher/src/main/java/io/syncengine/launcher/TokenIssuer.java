package io.syncengine.launcher;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints RS256 tokens for local use and tests, with a key pair kept in a directory (created on first use). In
 * production the issuer is the customer's identity provider; the server only ever sees its public key.
 */
public final class TokenIssuer {

    /** The issuer the launcher's tokens name, and the server accepts by default. */
    public static final String DEFAULT_ISSUER = "urn:sync-engine:local";
    /** The audience every token for this API carries. */
    public static final String AUDIENCE = "sync-api";

    private static final String PRIVATE_KEY = "jwt-private.pem";
    private static final String PUBLIC_KEY = "jwt-public.pem";

    private final RSAPrivateKey privateKey;
    private final Path publicKeyFile;
    private final String issuer;

    private TokenIssuer(RSAPrivateKey privateKey, Path publicKeyFile, String issuer) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
        this.issuer = issuer;
    }

    public static TokenIssuer loadOrCreate(Path keyDir, String issuer) throws IOException, GeneralSecurityException {
        Path privateFile = keyDir.resolve(PRIVATE_KEY);
        Path publicFile = keyDir.resolve(PUBLIC_KEY);
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            Files.createDirectories(keyDir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        byte[] der = Base64.getMimeDecoder().decode(Files.readString(privateFile)
                .replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        return new TokenIssuer((RSAPrivateKey) key, publicFile, issuer);
    }

    /** The PEM file of the public key: what the server verifies tokens with. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public String issuer() {
        return issuer;
    }

    /**
     * A signed token.
     *
     * @param deviceId the device a {@code device} token may act as; null for other roles
     */
    public String mint(String tenant, String subject, Collection<String> groups, String deviceId, Duration ttl) {
        return sign(claims(tenant, subject, groups, deviceId, ttl).build());
    }

    /**
     * The claims of a token as {@link #mint} makes them, for a caller that changes some before signing (tests mint
     * expired or otherwise unacceptable tokens this way).
     */
    public JWTClaimsSet.Builder claims(String tenant, String subject, Collection<String> groups, String deviceId,
            Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(List.of(AUDIENCE))
                .claim("upn", subject)
                .claim("groups", List.copyOf(groups))
                .claim("tenant", tenant)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
        if (deviceId != null) {
            claims.claim("device_id", deviceId);
        }
        return claims;
    }

    /** Signs {@code claims} with this issuer's private key (RS256). */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                    claims);
            jwt.sign(new RSASSASigner(privateKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

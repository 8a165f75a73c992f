package dev.warden.support;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import io.smallrye.jwt.build.Jwt;

/** Tokens as Better Auth's JWT plugin issues them, and every way to spoil one. */
public final class TestTokens {

    static final String KEYS_PROPERTY = "test.jwt.signing-keys";

    private final Map<String, PrivateKey> keys = new HashMap<>();
    private final String issuer;

    private TestTokens(String issuer, String encodedKeys) {
        this.issuer = issuer;
        try {
            for (String entry : encodedKeys.split(",")) {
                String[] parts = entry.split(":", 3);
                keys.put(parts[0], KeyFactory.getInstance(parts[1]).generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[2]))));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestTokens load() {
        String encoded = System.getProperty(KEYS_PROPERTY);
        String issuer = System.getProperty(JwksServer.ISSUER_PROPERTY);
        if (encoded == null || issuer == null) {
            throw new IllegalStateException("JwksServer has not started: annotate the test with @WithTestResource(JwksServer.class)");
        }
        return new TestTokens(issuer, encoded);
    }

    public String issuer() {
        return issuer;
    }

    public static String newUserId() {
        return "user-" + UUID.randomUUID();
    }

    /** A valid token for {@code sub}, signed with the key whose JWK states its alg. */
    public String forUser(String sub) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(issuer)
                .audience(JwksServer.AUDIENCE)
                .subject(sub)
                .claim("email", sub + "@example.test")
                .claim("name", "Test " + sub)
                .issuedAt(now)
                .expiresAt(now + 900)
                .jws()
                .keyId(JwksServer.KID_WITH_ALG)
                .sign(keys.get(JwksServer.KID_WITH_ALG));
    }

    /** Claims of a valid token, to change one thing before {@link #sign}. */
    public JwtClaims claims(String sub) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(JwksServer.AUDIENCE);
        claims.setSubject(sub);
        claims.setClaim("email", sub + "@example.test");
        claims.setClaim("name", "Test " + sub);
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 900));
        return claims;
    }

    public PrivateKey key(String kid) {
        return keys.get(kid);
    }

    public String sign(JwtClaims claims, String kid) {
        return sign(claims, kid, keys.get(kid));
    }

    public static String sign(JwtClaims claims, String kid, PrivateKey key) {
        return sign(claims, kid, key, AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /** Signs with any algorithm and key; {@code kid} may be null for no kid header. */
    public static String sign(JwtClaims claims, String kid, PrivateKey key, String alg) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(alg);
            jws.setDoKeyValidation(false);
            if (kid != null) {
                jws.setKeyIdHeaderValue(kid);
            }
            jws.setKey(key);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private key the JWKS does not know. */
    public static PrivateKey strangerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Assembles a token from raw parts, for headers and signatures no library would produce. */
    public static String raw(String headerJson, String payloadJson, byte[] signature) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(signature);
    }
}

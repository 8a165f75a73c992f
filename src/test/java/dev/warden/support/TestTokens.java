package dev.warden.support;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/** Tokens as Better Auth's JWT plugin issues them, signed with the fake issuer's keys, and every way to spoil one. */
public final class TestTokens {

    static final String KEYS_PROPERTY = "test.jwt.signing-keys";

    private final IssuerKeys keys;
    private final String issuer;
    private final String audience;
    private final String signingKid;

    /** Tokens from {@code issuer} for {@code audience}, signed with {@code signingKid} unless a test says otherwise. */
    public TestTokens(IssuerKeys keys, String issuer, String audience, String signingKid) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.signingKid = signingKid;
    }

    /** The tokens of the issuer {@link JwksServer} started for this test class. */
    public static TestTokens load() {
        String encoded = System.getProperty(KEYS_PROPERTY);
        String issuer = System.getProperty(JwksServer.ISSUER_PROPERTY);
        if (encoded == null || issuer == null) {
            throw new IllegalStateException("JwksServer has not started: annotate the test with @WithTestResource(JwksServer.class)");
        }
        return new TestTokens(IssuerKeys.decode(encoded), issuer, JwksServer.AUDIENCE, JwksServer.KID_WITH_ALG);
    }

    public String issuer() {
        return issuer;
    }

    public static String newUserId() {
        return "user-" + UUID.randomUUID();
    }

    /** A valid token for {@code sub}, valid for 15 minutes as Better Auth's are. */
    public String forUser(String sub) {
        return forUser(sub, 900);
    }

    /** Shaped as Better Auth's: alg, typ and kid in the header; iss, aud, sub, email, name, iat and exp, no jti. */
    public String forUser(String sub, long ttlSeconds) {
        JwtClaims claims = claims(sub);
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + ttlSeconds));
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            jws.setKeyIdHeaderValue(signingKid);
            jws.setKey(keys.privateKey(signingKid));
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims of a valid token, to change one thing before {@link #sign}. */
    public JwtClaims claims(String sub) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(sub);
        claims.setClaim("email", sub + "@example.test");
        claims.setClaim("name", "Test " + sub);
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 900));
        return claims;
    }

    /** A valid token for a new user but for this one change of its claims, signed like {@link #forUser}. */
    public String withClaims(Consumer<JwtClaims> change) {
        JwtClaims claims = claims(newUserId());
        change.accept(claims);
        return sign(claims, signingKid);
    }

    public PrivateKey key(String kid) {
        return keys.privateKey(kid);
    }

    /** With the issuer's key of this kid, named in the header, in that key's algorithm. */
    public String sign(JwtClaims claims, String kid) {
        return sign(claims, kid, keys.privateKey(kid), keys.signingAlgorithm(kid));
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

    /**
     * This exact header and payload, RS256-signed over exactly these bytes with the key of {@code kid}: for headers
     * and payloads no JOSE library would write.
     */
    public String signRaw(String headerJson, byte[] payload, String kid) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String input = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(payload);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.privateKey(kid));
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64.encodeToString(signature.sign());
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

package dev.warden.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.warden.support.IssuerKeys;
import dev.warden.support.JwksControl;
import dev.warden.support.JwksServer;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every way we know to get a token past Warden, one named row each: each is refused with the right status and
 * error_code (or, where the standard says so, accepted), and none makes Warden call out anywhere.
 */
@QuarkusTest
@WithTestResource(JwksServer.class)
class TokenAttackTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final TestTokens tokens = TestTokens.load();

    /** One attack: a name, what to send, and what must come back. */
    record Attack(String name, Supplier<ValidatableResponse> send, int status, String code) {
    }

    private static ValidatableResponse me(String authorization) {
        var request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.get("/api/v1/me").then();
    }

    private static Supplier<ValidatableResponse> bearer(Supplier<String> token) {
        return () -> me("Bearer " + token.get());
    }

    private Attack refused(String name, Supplier<String> token) {
        return new Attack(name, bearer(token), 401, "invalid_token");
    }

    private String sub() {
        return TestTokens.newUserId();
    }

    private JwtClaims claims() {
        return tokens.claims(sub());
    }

    /** Refused as invalid_token: a valid token but for this one change of its claims. */
    private Attack refusedClaims(String name, Consumer<JwtClaims> change) {
        return refused(name, () -> tokens.withClaims(change));
    }

    private static String b64(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A token with this header, a valid payload, signed by the published RS256 key over exactly these bytes. */
    private String withHeader(String headerJson) {
        return tokens.signRaw(headerJson, claims().toJson().getBytes(StandardCharsets.UTF_8), JwksServer.KID_WITH_ALG);
    }

    private String withPayloadBytes(byte[] payload) {
        return tokens.signRaw("{\"alg\":\"RS256\",\"kid\":\"" + JwksServer.KID_WITH_ALG + "\"}", payload, JwksServer.KID_WITH_ALG);
    }

    private String unsigned(String alg) {
        return b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + b64(claims().toJson()) + ".";
    }

    private static String publishedJwks() {
        try {
            return HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(System.getProperty(JwksServer.URL_PROPERTY))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-signed with the RSA public key as the secret: the classic algorithm confusion. */
    private String hmacWithPublicKey(String alg, String form) {
        try {
            String jwks = publishedJwks();
            RsaJsonWebKey key = (RsaJsonWebKey) new JsonWebKeySet(jwks).findJsonWebKey(JwksServer.KID_WITH_ALG, null, null, null);
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            byte[] secret = switch (form) {
                case "pem" -> pem.getBytes(StandardCharsets.US_ASCII);
                case "der" -> key.getPublicKey().getEncoded();
                default -> key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8);
            };
            String input = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + JwksServer.KID_WITH_ALG + "\"}")
                    + "." + b64(claims().toJson());
            String jca = "Hmac" + alg.replace("HS", "SHA");
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(secret, jca));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token carrying its own key (jwk header) or a pointer to one (jku/x5u at our counting server). */
    private String selfKeyed(String headerMember) {
        try {
            IssuerKeys attacker = new IssuerKeys().add(JwksServer.KID_WITH_ALG, IssuerKeys.Kind.RS256);
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(attacker.publicKey(JwksServer.KID_WITH_ALG));
            jwk.setKeyId(JwksServer.KID_WITH_ALG);
            String issuerBase = tokens.issuer();
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims().toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKeyIdHeaderValue(JwksServer.KID_WITH_ALG);
            switch (headerMember) {
                case "jwk" -> jws.setJwkHeader(jwk);
                case "jku" -> jws.setHeader("jku", issuerBase + "/attacker/jwks.json");
                case "x5u" -> jws.setHeader("x5u", issuerBase + "/attacker/cert.pem");
                case "x5c" -> jws.getHeaders().setObjectHeaderValue("x5c",
                        List.of(Base64.getEncoder().encodeToString(attacker.publicKey(JwksServer.KID_WITH_ALG).getEncoded())));
                default -> throw new IllegalArgumentException(headerMember);
            }
            jws.setKey(attacker.privateKey(JwksServer.KID_WITH_ALG));
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String es256ZeroSignature() {
        String input = b64("{\"alg\":\"ES256\",\"kid\":\"" + JwksServer.KID_EC + "\"}") + "." + b64(claims().toJson());
        return input + "." + B64.encodeToString(new byte[64]);
    }

    private String valid() {
        return tokens.forUser(sub());
    }

    private List<Attack> attacks() {
        List<Attack> a = new ArrayList<>();
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            a.add(refused("alg " + none + " without signature", () -> unsigned(none)));
        }
        a.add(refused("alg none with a signature part", () -> unsigned("none") + B64.encodeToString(new byte[32])));
        a.add(refused("empty signature", () -> {
            String t = valid();
            return t.substring(0, t.lastIndexOf('.') + 1);
        }));
        a.add(refused("HS256 with the RSA public key PEM as secret", () -> hmacWithPublicKey("HS256", "pem")));
        a.add(refused("HS256 with the RSA public key DER as secret", () -> hmacWithPublicKey("HS256", "der")));
        a.add(refused("HS256 with the JWK JSON as secret", () -> hmacWithPublicKey("HS256", "jwk")));
        a.add(refused("HS384 with the RSA public key PEM as secret", () -> hmacWithPublicKey("HS384", "pem")));
        a.add(refused("HS384 with the JWK JSON as secret", () -> hmacWithPublicKey("HS384", "jwk")));
        a.add(refused("RS512 outside the allow-list", () -> TestTokens.sign(claims(), JwksServer.KID_WITHOUT_ALG,
                tokens.key(JwksServer.KID_WITHOUT_ALG), AlgorithmIdentifiers.RSA_USING_SHA512)));
        a.add(refused("PS256 outside the allow-list", () -> TestTokens.sign(claims(), JwksServer.KID_WITHOUT_ALG,
                tokens.key(JwksServer.KID_WITHOUT_ALG), AlgorithmIdentifiers.RSA_PSS_USING_SHA256)));
        a.add(refused("ES256 outside the allow-list, signed by the published EC key", () -> TestTokens.sign(claims(),
                JwksServer.KID_EC, tokens.key(JwksServer.KID_EC), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)));
        a.add(refused("EdDSA outside the allow-list, signed by the published Ed25519 key", () -> TestTokens.sign(claims(),
                JwksServer.KID_ED, tokens.key(JwksServer.KID_ED), AlgorithmIdentifiers.EDDSA)));
        a.add(refused("kty mismatch: RS256 naming the EC key", () -> TestTokens.sign(claims(), JwksServer.KID_EC,
                tokens.key(JwksServer.KID_WITH_ALG))));
        a.add(refused("kty mismatch: RS256 naming the Ed25519 key", () -> TestTokens.sign(claims(), JwksServer.KID_ED,
                tokens.key(JwksServer.KID_WITH_ALG))));
        a.add(refused("ES256 with r = s = 0 (CVE-2022-21449)", this::es256ZeroSignature));
        a.add(refused("RSA key under 2048 bits", () -> TestTokens.sign(claims(), JwksServer.KID_WEAK_RSA,
                tokens.key(JwksServer.KID_WEAK_RSA))));
        a.add(refused("signed by a stranger key under a published kid", () -> TestTokens.sign(claims(),
                JwksServer.KID_WITH_ALG, TestTokens.strangerKey())));
        a.add(refused("no kid, signed by a stranger key", () -> TestTokens.sign(claims(), null, TestTokens.strangerKey())));
        a.add(refused("tampered payload", () -> {
            String[] parts = valid().split("\\.");
            return parts[0] + "." + b64(claims().toJson()) + "." + parts[2];
        }));
        a.add(refused("embedded jwk header with the attacker's key", () -> selfKeyed("jwk")));
        a.add(refused("jku header pointing at the attacker's JWKS", () -> selfKeyed("jku")));
        a.add(refused("x5u header pointing at the attacker's certificate", () -> selfKeyed("x5u")));
        a.add(refused("x5c header with the attacker's key", () -> selfKeyed("x5c")));
        a.add(refused("kid path traversal", () -> TestTokens.sign(claims(), "../../../../etc/passwd",
                tokens.key(JwksServer.KID_WITH_ALG))));
        a.add(refused("kid SQL fragment", () -> TestTokens.sign(claims(), "x' OR '1'='1'; --",
                tokens.key(JwksServer.KID_WITH_ALG))));
        a.add(refused("kid of 10 KB", () -> TestTokens.sign(claims(), "k".repeat(10 * 1024),
                tokens.key(JwksServer.KID_WITH_ALG))));
        a.add(refused("kid that is not a string", () -> withHeader("{\"alg\":\"RS256\",\"kid\":42}")));
        a.add(new Attack("expired beyond the leeway", bearer(() -> tokens.withClaims(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
            c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 120));
        })), 401, "token_expired"));
        a.add(refused("expired and signed by a stranger key is just invalid", () -> {
            JwtClaims c = claims();
            c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 120));
            return TestTokens.sign(c, JwksServer.KID_WITH_ALG, TestTokens.strangerKey());
        }));
        a.add(refusedClaims("nbf in the future", c -> c.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 600))));
        a.add(refusedClaims("iat in the future", c -> c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() + 600))));
        a.add(refusedClaims("missing exp", c -> c.unsetClaim("exp")));
        a.add(refusedClaims("exp that is not a number", c -> c.setClaim("exp", "tomorrow")));
        a.add(refusedClaims("wrong iss", c -> c.setIssuer("https://evil.example")));
        a.add(refusedClaims("missing iss", c -> c.unsetClaim("iss")));
        a.add(refusedClaims("wrong aud", c -> c.setAudience("https://other-api.example")));
        a.add(refusedClaims("missing aud", c -> c.unsetClaim("aud")));
        a.add(new Attack("aud array containing ours is accepted",
                bearer(() -> tokens.withClaims(c -> c.setAudience("https://other-api.example", JwksServer.AUDIENCE))), 200, null));
        a.add(refusedClaims("aud array without ours", c -> c.setAudience("https://a.example", "https://b.example")));
        a.add(refusedClaims("missing sub", c -> c.unsetClaim("sub")));
        a.add(refusedClaims("empty sub", c -> c.setSubject("")));
        a.add(refused("crit with an unknown extension", () -> withHeader(
                "{\"alg\":\"RS256\",\"kid\":\"" + JwksServer.KID_WITH_ALG + "\",\"crit\":[\"urn:x-evil\"],\"urn:x-evil\":1}")));
        a.add(refused("crit b64=false (unencoded payload)", () -> withHeader(
                "{\"alg\":\"RS256\",\"kid\":\"" + JwksServer.KID_WITH_ALG + "\",\"crit\":[\"b64\"],\"b64\":false}")));
        a.add(refused("zip header", () -> withHeader(
                "{\"alg\":\"RS256\",\"kid\":\"" + JwksServer.KID_WITH_ALG + "\",\"zip\":\"DEF\"}")));
        a.add(refused("JWE where a JWS is expected", () -> b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}")
                + ".AAAA.AAAA.AAAA.AAAA"));
        a.add(refused("two segments", () -> {
            String t = valid();
            return t.substring(0, t.lastIndexOf('.'));
        }));
        a.add(refused("four segments", () -> valid() + ".AAAA"));
        a.add(refused("non-base64url characters", () -> valid().replaceFirst("\\.", ".+/")));
        a.add(refused("base64 padding", () -> {
            String[] parts = valid().split("\\.");
            return parts[0] + "==." + parts[1] + "." + parts[2];
        }));
        a.add(refused("signature respelled: the last character's unused bits set, the same bytes", () -> {
            String t = valid();
            int dot = t.lastIndexOf('.');
            return t.substring(0, dot + 1) + TokenPrecheckTest.respelled(t.substring(dot + 1));
        }));
        a.add(refused("header that is not JSON", () -> b64("not json") + "." + b64(claims().toJson()) + ".AAAA"));
        a.add(refused("payload that is not JSON", () -> withPayloadBytes("not json".getBytes(StandardCharsets.UTF_8))));
        a.add(refused("payload with invalid UTF-8", () -> withPayloadBytes(new byte[] { '{', '"', 's', 'u', 'b', '"', ':',
                '"', (byte) 0xC3, (byte) 0x28, '"', '}' })));
        a.add(refused("header with a duplicate alg member", () -> withHeader(
                "{\"alg\":\"none\",\"alg\":\"RS256\",\"kid\":\"" + JwksServer.KID_WITH_ALG + "\"}")));
        a.add(refusedClaims("token over 8 KB, refused before parsing", c -> c.setClaim("padding", "p".repeat(9000))));
        a.add(new Attack("two Authorization headers", () -> given().header("Authorization", "Bearer " + valid())
                .header("Authorization", "Bearer " + valid()).get("/api/v1/me").then(), 401, "invalid_token"));
        a.add(new Attack("lowercase scheme is still Bearer (RFC 7235)", () -> me("bearer " + valid()), 200, null));
        a.add(new Attack("Basic scheme", () -> me("Basic dXNlcjpwYXNz"), 401, "missing_token"));
        a.add(new Attack("scheme without a token", () -> me("Bearer"), 401, "missing_token"));
        a.add(new Attack("token without a scheme", () -> me(valid()), 401, "missing_token"));
        a.add(new Attack("odd scheme Token", () -> me("Token " + valid()), 401, "missing_token"));
        return a;
    }

    @TestFactory
    Stream<DynamicTest> everyAttackIsRefused() {
        int otherBefore = JwksControl.otherHits();
        List<Attack> attacks = attacks();
        assertThat(attacks).hasSizeGreaterThanOrEqualTo(40);
        Stream<DynamicTest> rows = attacks.stream().map(attack -> DynamicTest.dynamicTest(attack.name(), () -> {
            ValidatableResponse response = attack.send().get().statusCode(attack.status()).contentType("application/json");
            if (attack.code() != null) {
                response.body("error_code", equalTo(attack.code()))
                        .body("message", not(containsString("Exception")));
                if (attack.status() == 401) {
                    response.header("WWW-Authenticate", containsString("Bearer"));
                }
            }
        }));
        return Stream.concat(rows, Stream.of(DynamicTest.dynamicTest("no header URL was ever fetched",
                () -> assertThat(JwksControl.otherHits()).isEqualTo(otherBefore))));
    }

    @Test
    void floodOfRandomKidsCostsAtMostOneFetchPerCooldown() {
        int before = JwksControl.jwksHits();
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            String token = TestTokens.sign(claims(), "random-" + UUID.randomUUID(), tokens.key(JwksServer.KID_WITH_ALG));
            me("Bearer " + token).statusCode(401).body("error_code", equalTo("invalid_token"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int fetches = JwksControl.jwksHits() - before;
        // Cooldown is 2 s in tests: one fetch per started cooldown window, plus the background refresh slack.
        assertThat(fetches).as("JWKS fetches for 300 random kids in %.1f s", seconds)
                .isLessThanOrEqualTo((int) Math.ceil(seconds / 2.0) + 2);
        me("Bearer " + valid()).statusCode(200);
    }

    @Test
    void neverCallsOutForHeaderUrls() {
        int before = JwksControl.otherHits();
        me("Bearer " + selfKeyed("jku")).statusCode(401);
        me("Bearer " + selfKeyed("x5u")).statusCode(401);
        assertThat(JwksControl.otherHits()).isEqualTo(before);
    }
}

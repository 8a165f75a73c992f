package dev.warden.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.warden.support.JwksServer;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(JwksServer.class)
class TokenVerificationTest {

    private final TestTokens tokens = TestTokens.load();

    private static ValidatableResponse me(String authorization) {
        var request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.get("/api/v1/me").then();
    }

    private static void refused(ValidatableResponse response, String code) {
        response.statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/json")
                .body("error", equalTo("Unauthorized"))
                .body("error_code", equalTo(code))
                .body("message", not(containsString("Exception")));
    }

    @Test
    void acceptsValidTokenAndReturnsTheCaller() {
        String sub = TestTokens.newUserId();
        me("Bearer " + tokens.forUser(sub)).statusCode(200)
                .body("user_id", equalTo(sub))
                .body("email", equalTo(sub + "@example.test"))
                .body("name", equalTo("Test " + sub))
                .body("iss", equalTo(tokens.issuer()));
    }

    @Test
    void acceptsTokenSignedWithKeyPublishedWithoutAlg() {
        String sub = TestTokens.newUserId();
        me("Bearer " + tokens.sign(tokens.claims(sub), JwksServer.KID_WITHOUT_ALG)).statusCode(200)
                .body("user_id", equalTo(sub));
    }

    @Test
    void refusesRequestWithoutAuthorizationHeader() {
        refused(me(null), "missing_token");
    }

    @Test
    void refusesBasicScheme() {
        refused(me("Basic dXNlcjpwYXNz"), "missing_token");
    }

    @Test
    void refusesGarbageToken() {
        refused(me("Bearer not-a-jwt"), "invalid_token");
        refused(me("Bearer a.b.c"), "invalid_token");
    }

    @Test
    void refusesTokenSignedWithUnknownKey() {
        String token = TestTokens.sign(tokens.claims(TestTokens.newUserId()), JwksServer.KID_WITH_ALG,
                TestTokens.strangerKey());
        refused(me("Bearer " + token), "invalid_token");
    }

    @Test
    void refusesTokenWithTamperedPayload() {
        String[] parts = tokens.forUser("alice").split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"alice\"", "\"mallory\"").getBytes(StandardCharsets.UTF_8));
        refused(me("Bearer " + parts[0] + "." + forged + "." + parts[2]), "invalid_token");
    }

    @Test
    void refusesAlgNone() throws Exception {
        String token = TestTokens.raw("{\"alg\":\"none\",\"typ\":\"JWT\"}",
                tokens.claims(TestTokens.newUserId()).toJson(), new byte[0]);
        refused(me("Bearer " + token), "invalid_token");
    }

    @Test
    void refusesHs256SignedWithThePublicRsaKeyAsSecret() throws Exception {
        String jwks = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(System.getProperty(JwksServer.URL_PROPERTY))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        RsaJsonWebKey key = (RsaJsonWebKey) new JsonWebKeySet(jwks).findJsonWebKey(JwksServer.KID_WITH_ALG, null, null, null);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : new byte[][] { pem.getBytes(StandardCharsets.US_ASCII), key.getPublicKey().getEncoded(),
                jwks.getBytes(StandardCharsets.UTF_8) }) {
            String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + JwksServer.KID_WITH_ALG + "\"}";
            String payload = tokens.claims(TestTokens.newUserId()).toJson();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String token = signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
            refused(me("Bearer " + token), "invalid_token");
        }
    }

    @Test
    void refusesExpiredTokenAsExpired() {
        JwtClaims claims = tokens.claims(TestTokens.newUserId());
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 120));
        refused(me("Bearer " + tokens.sign(claims, JwksServer.KID_WITH_ALG)), "token_expired");
    }

    @Test
    void acceptsTokenExpiredWithinTheClockLeeway() {
        JwtClaims claims = tokens.claims(TestTokens.newUserId());
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 900));
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 5));
        me("Bearer " + tokens.sign(claims, JwksServer.KID_WITH_ALG)).statusCode(200);
    }

    /** One claim spoilt in an otherwise valid token, signed by the published key: each is refused as invalid_token. */
    enum SpoiltClaim {
        NOT_YET_VALID(c -> c.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 600))),
        WRONG_ISSUER(c -> c.setIssuer("https://evil.example")),
        MISSING_ISSUER(c -> c.unsetClaim("iss")),
        WRONG_AUDIENCE(c -> c.setAudience("https://other-api.example")),
        MISSING_SUBJECT(c -> c.unsetClaim("sub")),
        MISSING_EXPIRY(c -> c.unsetClaim("exp"));

        final Consumer<JwtClaims> spoil;

        SpoiltClaim(Consumer<JwtClaims> spoil) {
            this.spoil = spoil;
        }
    }

    @ParameterizedTest(name = "refuses a token with {0}")
    @EnumSource(SpoiltClaim.class)
    void refusesTokenWithASpoiltClaim(SpoiltClaim claim) {
        JwtClaims claims = tokens.claims(TestTokens.newUserId());
        claim.spoil.accept(claims);
        refused(me("Bearer " + tokens.sign(claims, JwksServer.KID_WITH_ALG)), "invalid_token");
    }

    @Test
    void refusesUnknownKidEvenWhenSignedWithAPublishedKey() {
        JwtClaims claims = tokens.claims(TestTokens.newUserId());
        refused(me("Bearer " + TestTokens.sign(claims, "no-such-key", tokens.key(JwksServer.KID_WITH_ALG))),
                "invalid_token");
    }

    @Test
    void neverEchoesTheTokenInTheBody() {
        String token = tokens.sign(tokens.claims("x"), JwksServer.KID_WITH_ALG) + "tampered";
        String body = me("Bearer " + token).statusCode(401).extract().asString();
        org.assertj.core.api.Assertions.assertThat(body).doesNotContain(token.substring(0, 20)).doesNotContain("Exception").doesNotContain("\tat ");
    }
}

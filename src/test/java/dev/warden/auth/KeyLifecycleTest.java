package dev.warden.auth;

import static dev.warden.support.Management.management;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.warden.support.JwksControl;
import dev.warden.support.JwksServer;
import dev.warden.support.ProvokedLogs;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Keys that rotate, an issuer that fails or hangs, and the verified-token cache never changing an answer. */
@QuarkusTest
@WithTestResource(JwksServer.class)
class KeyLifecycleTest {

    /** A little over the test cooldown (2 s), so the next unknown kid may fetch again. */
    private static final long COOLDOWN_MILLIS = 2_200;

    private final TestTokens tokens = TestTokens.load();

    /** The issuer fails, serves garbage and hangs on purpose here: Warden's warnings about it are asserted, not printed. */
    private static ProvokedLogs jwksWarnings;

    @BeforeAll
    static void captureJwksWarnings() {
        jwksWarnings = ProvokedLogs.capture("KeyLifecycleTest", JwksRefresher.class.getName());
    }

    @AfterAll
    static void releaseJwksWarnings() {
        jwksWarnings.close();
    }

    private static ValidatableResponse me(String token) {
        return given().auth().oauth2(token).get("/api/v1/me").then();
    }

    private String token(String kid) {
        return tokens.sign(tokens.claims(TestTokens.newUserId()), kid);
    }

    /** After the cooldown, a token with an unknown kid makes Warden fetch the JWKS now. */
    private void forceRefresh() throws InterruptedException {
        Thread.sleep(COOLDOWN_MILLIS);
        int before = JwksControl.jwksHits();
        me(TestTokens.sign(tokens.claims("x"), "unknown-" + UUID.randomUUID(), tokens.key(JwksServer.KID_WITH_ALG)))
                .statusCode(401);
        assertThat(JwksControl.jwksHits()).isGreaterThan(before);
    }

    @AfterEach
    void restoreIssuer() throws InterruptedException {
        JwksControl.mode("ok");
        JwksControl.publishDefaults();
        forceRefresh();
    }

    @Test
    void rotationAcceptsEachKeyExactlyWhileItIsPublished() throws InterruptedException {
        String[] defaults = JwksServer.PUBLISHED_AT_START.toArray(String[]::new);
        String a = JwksServer.KID_ROTATION_A;
        String b = JwksServer.KID_ROTATION_B;
        String tokenA = token(a);
        String tokenB = token(b);

        // A only.
        JwksControl.publish(concat(defaults, a));
        forceRefresh();
        me(tokenA).statusCode(200);
        me(tokenB).statusCode(401).body("error_code", equalTo("invalid_token"));

        // A + B: B's first token fetches at once (no waiting for the TTL), A keeps working.
        JwksControl.publish(concat(defaults, a, b));
        Thread.sleep(COOLDOWN_MILLIS);
        me(tokenB).statusCode(200);
        me(tokenA).statusCode(200);

        // B only: after the next refresh A is gone, even though its token sits in the verified-token cache.
        JwksControl.publish(concat(defaults, b));
        forceRefresh();
        me(tokenA).statusCode(401).body("error_code", equalTo("invalid_token"));
        me(token(a)).statusCode(401);
        me(tokenB).statusCode(200);
    }

    @Test
    void keepsTheLastGoodKeysWhileTheIssuerFailsOrServesGarbage() throws InterruptedException {
        String good = token(JwksServer.KID_WITH_ALG);
        for (String mode : new String[] { "down", "garbage" }) {
            JwksControl.mode(mode);
            forceRefresh();
            me(good).statusCode(200);
            me(token(JwksServer.KID_WITHOUT_ALG)).statusCode(200);
            management().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'jwks' }.data.usable_keys", equalTo(2))
                    .body("checks.find { it.name == 'jwks' }.data.problem",
                            equalTo(mode.equals("down") ? "HTTP 500" : "not a JWKS document"));
            String warning = "unavailable (" + (mode.equals("down") ? "HTTP 500" : "not a JWKS document")
                    + "): using the last good keys";
            assertThat(jwksWarnings.logged(warning, Duration.ofSeconds(5))).as("warned: %s", warning).isTrue();
        }
    }

    @Test
    void aHangingIssuerCostsABoundedWaitAndKnownKeysKeepWorking() throws InterruptedException {
        me(token(JwksServer.KID_WITH_ALG)).statusCode(200); // warm: the first request of a cold app is slow
        JwksControl.mode("hang");
        Thread.sleep(COOLDOWN_MILLIS);
        long start = System.nanoTime();
        me(TestTokens.sign(tokens.claims("x"), "unknown-" + UUID.randomUUID(), tokens.key(JwksServer.KID_WITH_ALG)))
                .statusCode(401);
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertThat(waited).as("ms waited for a hanging JWKS (timeout 2 s in tests)").isLessThan(6_000);
        // While a fetch hangs, a token of a key we hold is answered at once.
        long known = System.nanoTime();
        me(token(JwksServer.KID_WITH_ALG)).statusCode(200);
        assertThat((System.nanoTime() - known) / 1_000_000).isLessThan(1_000);
        assertThat(jwksWarnings.logged("unavailable (timed out after 2000 ms)", Duration.ofSeconds(5)))
                .as("warned of the timeout").isTrue();
    }

    @Test
    void cachedTokenIsRefusedOnceItExpires() throws InterruptedException {
        JwtClaims claims = tokens.claims(TestTokens.newUserId());
        // Issued 15 min ago, expired 28 s ago: inside the 30 s leeway for about 2 s more.
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 900));
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 28));
        String token = tokens.sign(claims, JwksServer.KID_WITH_ALG);
        me(token).statusCode(200);
        me(token).statusCode(200); // from the cache
        Thread.sleep(3_000);
        me(token).statusCode(401).body("error_code", equalTo("token_expired"));
    }

    @Test
    void cacheHitStillRunsTheScopingCheck() {
        String alice = TestTokens.newUserId();
        String bob = TestTokens.newUserId();
        String token = tokens.forUser(alice);
        me(token).statusCode(200).body("user_id", equalTo(alice));
        me(token).statusCode(200);
        given().auth().oauth2(token).get("/api/" + bob + "/tasks").then().statusCode(403)
                .body("error_code", equalTo("forbidden"));
        given().auth().oauth2(token).get("/api/" + alice + "/tasks").then().statusCode(200);
    }

    @Test
    void metricsCountCacheHitsFetchesAndRefusals() {
        String token = tokens.forUser(TestTokens.newUserId());
        me(token).statusCode(200);
        me(token).statusCode(200);
        me("not-a-token").statusCode(401);
        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("warden_jwt_cache_total{result=\"hit\"}", "warden_jwt_cache_total{result=\"miss\"}",
                "warden_jwt_verify_seconds_bucket", "warden_jwks_fetches_total{outcome=\"success\"}", "warden_jwks_keys",
                "warden_http_errors_total{error_code=\"invalid_token\",status=\"401\"}");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}

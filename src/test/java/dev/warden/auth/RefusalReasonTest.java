package dev.warden.auth;

import static dev.warden.support.Management.management;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.warden.sessions.EndedSessions;
import dev.warden.support.JwksServer;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.restassured.response.Response;

/**
 * Every refusal says why, the same way in three places: the body's message, the RFC 6750 challenge's
 * {@code error_description}, and one more on {@code warden_jwt_refused_total} for that reason.
 */
@QuarkusTest
@WithTestResource(JwksServer.class)
class RefusalReasonTest {

    private final TestTokens tokens = TestTokens.load();

    record Case(String reason, String errorCode, String message, Supplier<String> token) {
    }

    private JwtClaims claims() {
        return tokens.claims(TestTokens.newUserId());
    }

    private List<Case> cases() {
        return List.of(
                new Case("malformed", "invalid_token", "Invalid token: malformed token", () -> "not-a-token"),
                new Case("algorithm_not_allowed", "invalid_token", "Invalid token: algorithm not allowed",
                        () -> TestTokens.sign(claims(), JwksServer.KID_WITHOUT_ALG, tokens.key(JwksServer.KID_WITHOUT_ALG),
                                AlgorithmIdentifiers.RSA_USING_SHA512)),
                new Case("unknown_key", "invalid_token", "Invalid token: unknown signing key",
                        () -> TestTokens.sign(claims(), "unknown-" + UUID.randomUUID(), tokens.key(JwksServer.KID_WITH_ALG))),
                new Case("signature_invalid", "invalid_token", "Invalid token: signature verification failed",
                        () -> TestTokens.sign(claims(), JwksServer.KID_WITH_ALG, TestTokens.strangerKey())),
                new Case("issuer_mismatch", "invalid_token", "Invalid token: issuer mismatch",
                        () -> tokens.withClaims(c -> c.setIssuer(tokens.issuer() + "/"))),
                new Case("audience_mismatch", "invalid_token", "Invalid token: audience mismatch",
                        () -> tokens.withClaims(c -> c.setAudience("https://another-api.example"))),
                new Case("not_yet_valid", "invalid_token", "Invalid token: not yet valid", () -> tokens.withClaims(
                        c -> c.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 600)))),
                new Case("claim_missing", "invalid_token", "Invalid token: required claim missing",
                        () -> tokens.withClaims(c -> c.setSubject("  "))),
                new Case("session_ended", "invalid_token", "Invalid token: session ended", this::tokenOfAnEndedSession),
                new Case("lifetime_too_long", "invalid_token", "Invalid token: lifetime too long", () -> tokens.withClaims(
                        c -> c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 30L * 86_400)))),
                new Case("expired", "token_expired", "Token has expired", () -> tokens.withClaims(c -> {
                    c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
                    c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 120));
                })));
    }

    @TestFactory
    Stream<DynamicTest> eachReasonIsInTheBodyTheChallengeAndTheMetric() {
        List<Case> cases = cases();
        assertThat(cases.stream().map(Case::reason)).containsExactlyInAnyOrderElementsOf(
                Stream.of(Refusal.values()).map(Refusal::tag).toList());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.reason(), () -> {
            double before = refusals(c.reason());
            Response response = given().auth().oauth2(c.token().get()).get("/api/v1/me");
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.jsonPath().getString("error_code")).isEqualTo(c.errorCode());
            assertThat(response.jsonPath().getString("message")).isEqualTo(c.message());
            assertThat(response.headers().getValues("WWW-Authenticate"))
                    .containsExactly("Bearer error=\"invalid_token\", error_description=\"" + c.message() + "\"");
            assertThat(refusals(c.reason())).isEqualTo(before + 1);
        }));
    }

    @Inject
    DataSource database;

    @Inject
    EndedSessions sessions;

    /** A token whose session Better Auth ended, as its trigger records it, once the app has heard of it. */
    private String tokenOfAnEndedSession() {
        String sid = UUID.randomUUID().toString();
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO ended_sessions (sid) VALUES ('" + sid + "')");
            sql.execute("NOTIFY warden_session_ended, '" + sid + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        JwtClaims claims = claims();
        claims.setClaim("sid", sid);
        JsonWebToken verified = new DefaultJWTCallerPrincipal(claims);
        long deadline = System.currentTimeMillis() + 5000;
        while (sessions.of(verified) != EndedSessions.Verdict.ENDED) {
            assertThat(System.currentTimeMillis()).as("the app hears of the ended session").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return tokens.sign(claims, JwksServer.KID_WITH_ALG);
    }

    private static double refusals(String reason) {
        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^warden_jwt_refused_total\\{reason=\"" + reason + "\"} (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("warden_jwt_refused_total for " + reason + " is exported").isTrue();
        return Double.parseDouble(m.group(1));
    }
}

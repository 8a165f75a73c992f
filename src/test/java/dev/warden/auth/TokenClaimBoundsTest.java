package dev.warden.auth;

import static dev.warden.support.Management.management;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import dev.warden.support.JwksServer;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The claims a trusted token must have beyond SmallRye's rules: an iat, and an exp not too far ahead. */
@QuarkusTest
@WithTestResource(JwksServer.class)
class TokenClaimBoundsTest {

    private final TestTokens tokens = TestTokens.load();

    private static ValidatableResponse me(String authorization) {
        return given().header("Authorization", authorization).get("/api/v1/me").then();
    }

    private static void refused(ValidatableResponse response, String code) {
        response.statusCode(401).header("WWW-Authenticate", containsString("Bearer")).body("error_code", equalTo(code));
    }

    /** Better Auth always sets iat: a trusted token without one is refused as a missing claim, counted like any other. */
    @Test
    void refusesATokenWithoutIatAsAMissingClaimAndCountsIt() {
        double before = refusals("claim_missing");
        refused(me("Bearer " + tokens.withClaims(c -> c.unsetClaim("iat"))), "invalid_token");
        me("Bearer " + tokens.withClaims(c -> c.unsetClaim("iat")))
                .body("message", equalTo("Invalid token: required claim missing"));
        assertThat(refusals("claim_missing")).isEqualTo(before + 2);
    }

    /** A token whose exp is further ahead than warden.auth.max-token-lifetime (1 day) is refused, with its own reason. */
    @Test
    void refusesATokenLivingLongerThanTheMaximumLifetime() {
        double before = refusals("lifetime_too_long");
        String token = tokens.withClaims(c -> c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue()
                + 3L * 365 * 24 * 3600)));
        refused(me("Bearer " + token), "invalid_token");
        me("Bearer " + token).body("message", equalTo("Invalid token: lifetime too long"));
        assertThat(refusals("lifetime_too_long")).isEqualTo(before + 2);
        me("Bearer " + tokens.forUser(TestTokens.newUserId(), 23 * 3600)).statusCode(200);
    }

    private static double refusals(String reason) {
        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^warden_jwt_refused_total\\{reason=\"" + reason
                + "\"} (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}

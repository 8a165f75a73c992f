package dev.warden.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import dev.warden.support.ConfigProfile;
import dev.warden.support.JwksServer;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * SmallRye JWT's own settings decide, as in any SmallRye JWT application: given directly, they change the outcome.
 * (With Warden's defaults, a token expired 5 minutes ago is refused and one without email is accepted.)
 */
@QuarkusTest
@TestProfile(SmallRyeSettingsTest.Settings.class)
@WithTestResource(JwksServer.class)
class SmallRyeSettingsTest {

    public static class Settings extends ConfigProfile {
        public Settings() {
            super(Map.of("mp.jwt.verify.clock.skew", "600", "smallrye.jwt.required.claims", "sub,email"));
        }
    }

    private final TestTokens tokens = TestTokens.load();

    @Test
    void clockSkewSetForSmallRyeWidensTheLeeway() {
        JwtClaims claims = tokens.claims(TestTokens.newUserId());
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 300));
        given().auth().oauth2(tokens.sign(claims, JwksServer.KID_WITH_ALG)).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void requiredClaimsSetForSmallRyeAreRequired() {
        JwtClaims claims = tokens.claims(TestTokens.newUserId());
        claims.unsetClaim("email");
        given().auth().oauth2(tokens.sign(claims, JwksServer.KID_WITH_ALG)).get("/api/v1/me").then().statusCode(401)
                .body("message", equalTo("Invalid token: required claim missing"));
    }
}

package dev.warden.auth;

import static dev.warden.support.Management.management;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.security.interfaces.RSAPublicKey;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.warden.support.IssuerKeys;
import dev.warden.support.JwksServer;
import dev.warden.support.ProvokedLogs;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** A JWKS whose only key is 1024-bit RSA verifies nothing: Warden never uses the key, and SmallRye would refuse it too. */
@QuarkusTest
@TestProfile(WeakKeyTest.OnlyAWeakKey.class)
@WithTestResource(value = JwksServer.class, initArgs = @ResourceArg(name = "publish", value = JwksServer.KID_WEAK_RSA))
class WeakKeyTest {

    /** A JWKS with no usable key is the point here: the warnings it causes go to target/provoked-logs, not the console. */
    public static class OnlyAWeakKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return ProvokedLogs.routedToFile("WeakKeyTest", "dev.warden.auth.JwksRefresher", "dev.warden.auth.JwksStartupCheck");
        }
    }

    private final TestTokens tokens = TestTokens.load();

    @Inject
    JWTParser parser;

    @Test
    void tokensSignedWithTheOnlyPublishedKeyAreNotAccepted() {
        String token = tokens.sign(tokens.claims(TestTokens.newUserId()), JwksServer.KID_WEAK_RSA);
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(503)
                .body("error_code", equalTo("auth_unavailable"));
        management().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'jwks' }.data.usable_keys", equalTo(0))
                .body("checks.find { it.name == 'jwks' }.data.problem", equalTo("no usable signing key: the RSA keys are shorter "
                        + "than 2048 bits: have the issuer create a new key (Better Auth: `jwks.keyPairConfig.modulusLength` "
                        + "2048 or more)"));
        // The public port says DOWN and nothing about why.
        given().get("/q/health/ready").then().statusCode(503).body(equalTo("{\"status\":\"DOWN\"}"));
    }

    @Test
    void smallRyeAsConfiguredRefusesAWeakKeyEvenWhenHandedOne() {
        IssuerKeys weak = new IssuerKeys().add("weak", IssuerKeys.Kind.RSA_1024);
        String token = TestTokens.sign(tokens.claims(TestTokens.newUserId()), "weak", weak.privateKey("weak"));
        assertThatThrownBy(() -> parser.verify(token, (RSAPublicKey) weak.publicKey("weak"))).isInstanceOf(ParseException.class);
    }
}

package dev.warden.auth;

import static dev.warden.support.Management.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

import dev.warden.support.ConfigProfile;
import dev.warden.support.JwksServer;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/** With {@code JWT_ALGORITHMS=RS256,ES256,EdDSA}: Better Auth's EdDSA default and ES256 verify, and still only with matching keys. */
@QuarkusTest
@TestProfile(AlgorithmAllowListTest.AllAlgorithms.class)
@WithTestResource(JwksServer.class)
class AlgorithmAllowListTest {

    private final TestTokens tokens = TestTokens.load();

    private static ValidatableResponse me(String token) {
        return given().auth().oauth2(token).get("/api/v1/me").then();
    }

    private String signed(String kid, String keyKid, String alg) {
        return TestTokens.sign(tokens.claims(TestTokens.newUserId()), kid, tokens.key(keyKid), alg);
    }

    @Test
    void acceptsEdDsaWhenListed() {
        me(signed(JwksServer.KID_ED, JwksServer.KID_ED, AlgorithmIdentifiers.EDDSA)).statusCode(200);
    }

    @Test
    void acceptsEs256WhenListed() {
        me(signed(JwksServer.KID_EC, JwksServer.KID_EC, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256))
                .statusCode(200);
    }

    @Test
    void stillAcceptsRs256() {
        me(tokens.forUser(TestTokens.newUserId())).log().ifValidationFails().statusCode(200);
    }

    @Test
    void refusesEs256WithZeroSignature() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(("{\"alg\":\"ES256\",\"kid\":\"" + JwksServer.KID_EC + "\"}")
                .getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(
                        tokens.claims(TestTokens.newUserId()).toJson().getBytes(StandardCharsets.UTF_8));
        me(input + "." + b64.encodeToString(new byte[64])).statusCode(401).body("error_code", equalTo("invalid_token"));
    }

    @Test
    void refusesKeyTypeMismatch() {
        // EdDSA header naming the EC key, ES256 naming the Ed25519 key, RS256 naming the EC key.
        me(signed(JwksServer.KID_EC, JwksServer.KID_ED, AlgorithmIdentifiers.EDDSA)).statusCode(401);
        me(signed(JwksServer.KID_ED, JwksServer.KID_EC, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256))
                .statusCode(401);
        me(signed(JwksServer.KID_EC, JwksServer.KID_WITH_ALG, AlgorithmIdentifiers.RSA_USING_SHA256)).statusCode(401);
    }

    @Test
    void refusesAlgorithmsStillOutsideTheList() {
        me(signed(JwksServer.KID_WITHOUT_ALG, JwksServer.KID_WITHOUT_ALG, AlgorithmIdentifiers.RSA_USING_SHA384))
                .statusCode(401).body("error_code", equalTo("invalid_token"));
    }

    @Test
    void readinessCountsTheNewlyUsableKeys() {
        management().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'jwks' }.data.usable_keys", equalTo(4));
    }

    public static class AllAlgorithms extends ConfigProfile {
        public AllAlgorithms() {
            super(Map.of("mp.jwt.verify.publickey.algorithm", "RS256,ES256,EdDSA"));
        }
    }
}

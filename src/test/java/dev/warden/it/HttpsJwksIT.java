package dev.warden.it;

import static dev.warden.support.Management.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.warden.support.JwksServer;
import dev.warden.support.ManagementPort;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged app (prod profile, so it refuses to start without a usable JWKS) against a JWKS served over
 * HTTPS with a certificate the app trusts only through its configured trust store: the start-up check and the key
 * fetch behind every verification go over TLS, and readiness reports the keys so fetched. In the native build this
 * proves {@code quarkus.ssl.native}.
 */
@QuarkusIntegrationTest
@WithTestResource(value = JwksServer.class, initArgs = @ResourceArg(name = "https", value = "true"))
@WithTestResource(ManagementPort.class)
class HttpsJwksIT {

    @Test
    void startsAndIsReadyWithAnHttpsJwks() {
        management().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'jwks' }.data.url", startsWith("https://127.0.0.1:"))
                .body("checks.find { it.name == 'jwks' }.data.usable_keys", equalTo(2));
    }

    @Test
    void verifiesATokenWithKeysFetchedOverHttps() {
        TestTokens tokens = TestTokens.load();
        String user = TestTokens.newUserId();
        given().auth().oauth2(tokens.forUser(user)).get("/api/v1/me").then().statusCode(200)
                .body("user_id", equalTo(user))
                .body("iss", startsWith("https://127.0.0.1:"));
    }
}

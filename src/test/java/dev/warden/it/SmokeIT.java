package dev.warden.it;

import static dev.warden.support.Management.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.warden.support.JwksServer;
import dev.warden.support.ManagementPort;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Against the packaged app: the JVM jar in {@code ./mvnw verify}, the native binary with {@code -Dnative}. */
@QuarkusIntegrationTest
@WithTestResource(JwksServer.class)
@WithTestResource(ManagementPort.class)
class SmokeIT {

    @Test
    void healthIsUpAndReady() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body(equalTo("{\"status\":\"UP\"}"));
    }

    @Test
    void metricsAreOnTheManagementInterfaceOnly() {
        given().get("/q/metrics").then().statusCode(404);
        management().get("/q/metrics").then().statusCode(200).body(containsString("warden_jwks_keys"));
        management().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("jwks"));
    }

    @Test
    void refusesRequestWithoutTokenWithJson401() {
        given().get("/api/v1/me").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/json").body("error_code", equalTo("missing_token"));
    }

    @Test
    void refusesForgedTokenWithJson401() {
        String forged = TestTokens.sign(TestTokens.load().claims(TestTokens.newUserId()), JwksServer.KID_WITH_ALG,
                TestTokens.strangerKey());
        given().auth().oauth2(forged).get("/api/v1/me").then().statusCode(401)
                .contentType("application/json").body("error_code", equalTo("invalid_token"));
    }

    @Test
    void refusesAnotherUsersScopeWithJson403() {
        TestTokens tokens = TestTokens.load();
        given().auth().oauth2(tokens.forUser(TestTokens.newUserId())).get("/api/" + TestTokens.newUserId() + "/tasks")
                .then().statusCode(403).contentType("application/json").body("error_code", equalTo("forbidden"));
    }

    @Test
    void answersInvalidInputWithJson422() {
        TestTokens tokens = TestTokens.load();
        String user = TestTokens.newUserId();
        given().auth().oauth2(tokens.forUser(user)).contentType("application/json").body(Map.of("title", ""))
                .post("/api/" + user + "/tasks").then().statusCode(422)
                .body("error_code", equalTo("validation_failed")).body("field_errors[0].field", equalTo("title"));
    }

    /** The routes behind the {@code Allow} header are read from the resource classes: in the binary too. */
    @Test
    void answersAWrongMethodWithJson405NamingTheAllowedOnes() {
        String user = TestTokens.newUserId();
        given().auth().oauth2(TestTokens.load().forUser(user)).put("/api/" + user + "/tasks").then().statusCode(405)
                .header("Allow", containsString("POST")).contentType("application/json")
                .body("error_code", equalTo("method_not_allowed"));
    }

    @Test
    void roundTripsATaskForItsOwnerOnly() {
        TestTokens tokens = TestTokens.load();
        String user = TestTokens.newUserId();
        String token = tokens.forUser(user);
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200).body("user_id", equalTo(user));
        long id = given().auth().oauth2(token).contentType("application/json").body(Map.of("title", "smoke"))
                .post("/api/" + user + "/tasks").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(token).patch("/api/" + user + "/tasks/" + id + "/complete")
                .then().statusCode(200).body("completed", equalTo(true));
        given().auth().oauth2(token).get("/api/" + user + "/tasks").then().statusCode(200)
                .body("items[0].id", equalTo((int) id)).body("total", equalTo(1));
        String stranger = TestTokens.newUserId();
        given().auth().oauth2(tokens.forUser(stranger)).get("/api/" + user + "/tasks/" + id)
                .then().statusCode(403).body("error_code", equalTo("forbidden"));
        given().auth().oauth2(token).delete("/api/" + user + "/tasks/" + id).then().statusCode(204);
    }
}

package dev.warden.errors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.warden.support.JwksServer;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(JwksServer.class)
class ErrorResponsesTest {

    private final TestTokens tokens = TestTokens.load();

    @Test
    void unknownPathIsJsonNotFound() {
        given().auth().oauth2(tokens.forUser("u")).get("/api/v1/nothing-here/at/all").then().statusCode(404)
                .contentType("application/json").body("error_code", equalTo("not_found"));
        given().get("/definitely-not-here").then().statusCode(404)
                .contentType("application/json").body("error", equalTo("Not Found"));
    }

    @Test
    void wrongMethodIsJsonMethodNotAllowed() {
        given().auth().oauth2(tokens.forUser("u")).delete("/api/v1/me").then().statusCode(405)
                .contentType("application/json").body("error_code", equalTo("method_not_allowed"));
    }

    @Test
    void corsPreflightFromUnknownOriginGetsNoAllowOrigin() {
        String allowed = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .options("/api/v1/me").then().extract().header("Access-Control-Allow-Origin");
        org.assertj.core.api.Assertions.assertThat(allowed).isNull();
    }
}

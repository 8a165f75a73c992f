package dev.warden.errors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.warden.support.JwksServer;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(JwksServer.class)
class BodyLimitTest {

    private final TestTokens tokens = TestTokens.load();

    private static String bigTask() {
        return "{\"title\":\"big\",\"description\":\"" + "x".repeat(70 * 1024) + "\"}";
    }

    @Test
    void bodyOverTheLimitIsJson413() {
        String user = TestTokens.newUserId();
        given().auth().oauth2(tokens.forUser(user)).contentType("application/json").body(bigTask())
                .post("/api/" + user + "/tasks").then().statusCode(413).contentType("application/json")
                .body("error_code", equalTo("payload_too_large")).body("error", equalTo("Payload Too Large"));
    }

    @Test
    void chunkedBodyOverTheLimitIsJson413() {
        String user = TestTokens.newUserId();
        given().auth().oauth2(tokens.forUser(user)).contentType("application/json")
                .body(new ByteArrayInputStream(bigTask().getBytes(StandardCharsets.UTF_8)))
                .post("/api/" + user + "/tasks").then().statusCode(413).contentType("application/json")
                .body("error_code", equalTo("payload_too_large"));
    }

    @Test
    void bodyUnderTheLimitStillPassesToValidation() {
        String user = TestTokens.newUserId();
        given().auth().oauth2(tokens.forUser(user)).contentType("application/json")
                .body("{\"title\":\"ok\",\"description\":\"" + "x".repeat(2000) + "\"}")
                .post("/api/" + user + "/tasks").then().statusCode(422).body("error_code", equalTo("validation_failed"));
    }

    @Test
    void wrongContentTypeIsJson415() {
        String user = TestTokens.newUserId();
        given().auth().oauth2(tokens.forUser(user)).contentType("text/plain").body("title=x")
                .post("/api/" + user + "/tasks").then().statusCode(415).contentType("application/json")
                .body("error_code", equalTo("unsupported_media_type"));
    }
}
